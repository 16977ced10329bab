import { SqliteDialect, type QueryCompiler, type SqliteDatabase, type SqliteDialectConfig } from 'kysely'
import { assertIntegerOption, assertOptionsObject, invalidOption } from '../options/assert-option.js'
import { OpaqueLimitCompiler } from './opaque-limit-compiler.js'
import { cachedStatements } from './statement-cache.js'

/** Options of {@link KyseraSqliteDialect}: Kysely's `SqliteDialect` options, plus the statement cache. */
export interface KyseraSqliteDialectConfig extends SqliteDialectConfig {
  /**
   * The better-sqlite3 `Database`, or a function that opens it when the first query runs. Closed by
   * `db.destroy()`.
   */
  database: SqliteDialectConfig['database']
  /**
   * Prepared statements kept, least recently used dropped first. Default `200`. A statement whose SQL
   * is longer than 10,000 characters (a large multi-row INSERT) is prepared each time instead: its
   * prepared form takes about 40 bytes per character.
   */
  statementCacheSize?: number
}

/**
 * Kysely's `SqliteDialect` (better-sqlite3) with a bounded LRU cache of prepared statements keyed by
 * SQL text. Kysely alone prepares every statement on every call; with the cache a repeated query skips
 * SQLite's parser and planner, which makes a primary-key lookup about twice as fast.
 *
 * A bound LIMIT is written `limit +?` (same value, same result): SQLite's planner reads a plain
 * `LIMIT ?` and would prepare the cached statement again on every call.
 *
 * Safe with schema changes (SQLite re-prepares a statement whose schema changed) and with transactions
 * and savepoints (statements belong to the one connection, which Kysely's SQLite driver hands to one
 * caller at a time). `database` may also be a function that opens the database, as with Kysely.
 *
 * @example
 * ```ts
 * import Database from 'better-sqlite3'
 * const db = new Kysely<DB>({ dialect: new KyseraSqliteDialect({ database: new Database('app.db') }) })
 * ```
 */
export class KyseraSqliteDialect extends SqliteDialect {
  constructor(config: KyseraSqliteDialectConfig) {
    if (config === undefined) throw invalidOption('sqlite', 'options', 'an object', config)
    assertOptionsObject('sqlite', config)
    const { statementCacheSize: size = 200, database, ...rest } = config
    assertIntegerOption('sqlite', 'statementCacheSize', size, 1)
    const usable = typeof database === 'function' || (typeof database?.prepare === 'function' && typeof database.close === 'function')
    if (!usable) throw invalidOption('sqlite', 'database', 'a better-sqlite3 Database or a function returning one', database)
    super({
      ...rest,
      database: typeof database === 'function' ? async (): Promise<SqliteDatabase> => cachedStatements(await database(), size) : cachedStatements(database, size),
    })
  }

  override createQueryCompiler(): QueryCompiler {
    return new OpaqueLimitCompiler()
  }
}
