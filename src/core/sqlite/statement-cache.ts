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
  const statements = new Map<string, unknown>()
  const prepare = (sql: string): unknown => {
    const cached = statements.get(sql)
    if (cached !== undefined) {
      // Map keeps insertion order: re-inserting marks the statement most recently used.
      statements.delete(sql)
      statements.set(sql, cached)
      return cached
    }
    const statement = database.prepare(sql)
    statements.set(sql, statement)
    if (statements.size > size) statements.delete(statements.keys().next().value as string)
    return statement
  }
  return boundProxy(database, { prepare })
}
