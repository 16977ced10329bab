import { boundProxy } from '../internal/bound-proxy.js'
import { assertIntegerOption } from '../options/assert-option.js'

/** What the cache needs of a better-sqlite3 `Database` (typed structurally: the driver is optional). */
interface SqliteDatabaseLike {
  prepare(sql: string): unknown
}

/** Options of {@link withStatementCache}. */
export interface StatementCacheOptions {
  /** Prepared statements kept, least recently used dropped first. Default `200`. */
  size?: number
}

/**
 * Returns the better-sqlite3 database with a bounded LRU cache of prepared statements keyed by SQL
 * text, to hand to Kysely's `SqliteDialect`. Kysely prepares every statement on every call; with the
 * cache a repeated query skips SQLite's parser and planner. Safe with schema changes (SQLite
 * re-prepares a statement whose schema changed) and with transactions (statements belong to the
 * connection, which Kysely's SQLite driver hands to one caller at a time).
 *
 * @example
 * ```ts
 * const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(new Database('app.db')) }) })
 * ```
 */
export function withStatementCache<D extends SqliteDatabaseLike>(database: D, options: StatementCacheOptions = {}): D {
  const { size = 200 } = options
  assertIntegerOption('pool', 'size', size, 1)
  // Exact LRU with cheap hits: a hit stamps the entry with a clock tick (no Map reordering, which
  // would hash the SQL text twice more); a miss on a full cache, already paying SQLite's parser,
  // scans for the oldest stamp.
  const statements = new Map<string, { statement: unknown; used: number }>()
  let clock = 0
  const prepare = (sql: string): unknown => {
    const cached = statements.get(sql)
    if (cached !== undefined) {
      cached.used = ++clock
      return cached.statement
    }
    const statement = database.prepare(sql)
    if (statements.size >= size) statements.delete(leastRecentlyUsed(statements))
    statements.set(sql, { statement, used: ++clock })
    return statement
  }
  return boundProxy(database, { prepare })
}

function leastRecentlyUsed(statements: ReadonlyMap<string, { used: number }>): string {
  let oldest: string | undefined
  let stamp = Number.POSITIVE_INFINITY
  for (const [sql, entry] of statements) {
    if (entry.used < stamp) {
      stamp = entry.used
      oldest = sql
    }
  }
  return oldest as string
}
