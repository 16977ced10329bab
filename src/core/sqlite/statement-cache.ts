import type { SqliteDatabase, SqliteStatement } from 'kysely'

/**
 * Statements with longer SQL are prepared every time, not kept: a prepared statement takes about 40
 * bytes of memory per character of its SQL (a 6,500-row multi-row INSERT, ~80,000 characters, holds
 * about 3 MB), so a cache of such statements, one per batch size, would grow to gigabytes. 10,000
 * characters (~400 KB prepared) is far above ordinary queries.
 */
export const MAX_CACHED_SQL_LENGTH = 10_000

/**
 * A better-sqlite3 database as Kysely's SQLite driver sees it (`prepare` and `close`), with a bounded
 * LRU cache of prepared statements keyed by SQL text. Kysely prepares every statement on every call;
 * with the cache a repeated query skips SQLite's parser and planner.
 *
 * A plain object rather than a proxy of the database: it never leaves the dialect, so nothing else needs
 * the rest of the database's API, and the driver's `prepare` on every query skips a proxy trap.
 */
export function cachedStatements(database: SqliteDatabase, size: number): SqliteDatabase {
  // Exact LRU with cheap hits: a hit stamps the entry with a clock tick (no Map reordering, which
  // would hash the SQL text twice more); a miss on a full cache, already paying SQLite's parser,
  // scans for the oldest stamp.
  const statements = new Map<string, { statement: SqliteStatement; used: number }>()
  let clock = 0
  return {
    prepare(sql: string): SqliteStatement {
      const cached = statements.get(sql)
      if (cached !== undefined) {
        cached.used = ++clock
        return cached.statement
      }
      const statement = database.prepare(sql)
      if (sql.length > MAX_CACHED_SQL_LENGTH) return statement
      if (statements.size >= size) statements.delete(leastRecentlyUsed(statements))
      statements.set(sql, { statement, used: ++clock })
      return statement
    },
    close(): void {
      statements.clear()
      database.close()
    },
  }
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
