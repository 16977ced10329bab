import type { DatabaseError } from '../errors/database-error.js'
import type { Dialect, Executor } from './dialect.js'
import type { ErrorHints } from './error-hints.js'
import type { ColumnInfo } from './table-columns-cache.js'

/** Column types Kysera's own tables use on one dialect. */
export interface DdlTypes {
  /** JSON where the dialect has it (`jsonb`, `json`), else text. */
  readonly json: string
  /** A timestamp with milliseconds (`timestamptz`, `datetime(3)`; ISO text on SQLite). */
  readonly timestamp: string
  /** An auto-increment integer primary key column definition. */
  readonly serialPrimaryKey: string
}

/**
 * Everything that differs between dialects, other than what Kysely's own query compiler handles.
 * Feature code asks these capabilities and never compares dialect names. Internal: not exported from
 * any entry point.
 */
export interface KyseraDialectAdapter {
  readonly dialect: Dialect
  /** `INSERT/UPDATE/DELETE … RETURNING` is available. */
  readonly supportsReturning: boolean
  /** DDL can run inside a transaction and roll back with it. */
  readonly supportsTransactionalDdl: boolean
  /**
   * A row-value comparison `(a, b) > (?, ?)` is answered by an index seek. True on PostgreSQL and
   * SQLite; MySQL/MariaDB parse it but walk the whole index.
   */
  readonly rowValueSeekUsesIndex: boolean
  /**
   * Written before a bound value the query planner must not read: `+` on SQLite, empty elsewhere.
   * SQLite re-prepares a statement, planner included, each time new values are bound to a parameter
   * its planner read: a `LIMIT ?` (always; seen in SQLite 3.53, which better-sqlite3 12 bundles), and, with the `SQLITE_ENABLE_STAT4` build
   * better-sqlite3 ships and `ANALYZE` samples, a parameter compared with an indexed column. A kept
   * statement then costs a prepare per call: 3.3 µs on an 8 µs `… LIMIT ?` read, and a keyset page
   * measured 1.3× the first page at any depth. Unary `+` changes neither the value nor its affinity
   * and hides it from the planner, which then plans as for an unknown value. Used
   * where the plan does not depend on the value: keyset seek values and LIMITs.
   */
  readonly opaqueValuePrefix: '' | '+'
  /**
   * How the seek predicate negates its tie filter: `not (…)`, or on MySQL `if(…, 0, 1)`, which
   * MariaDB's range optimizer leaves alone. It turns `NOT (a = ? AND b <= ?)` into index ranges and
   * estimates each before every page (a page at depth 990,000 then costs 1.5× the first page; 1.35× with
   * `if`). The filter never yields NULL (see `seekPredicate`), so both forms keep the same rows.
   */
  readonly negation: 'not' | 'if'
  /**
   * Whether the compiled SQL names every bound value with an anonymous `?` (SQLite, MySQL), so a
   * statement may spell a long list of values as placeholder text and bind them in order; PostgreSQL
   * numbers its parameters (`$1`).
   */
  readonly anonymousPlaceholders: boolean
  /** The most bind parameters one statement may carry. */
  readonly maxBindParameters: number
  /**
   * How ORDER BY places NULLs explicitly: a `NULLS FIRST/LAST` clause, or (MySQL, which has none) a
   * leading `x IS NULL` sort expression.
   */
  readonly nullsOrdering: 'clause' | 'expression'
  /**
   * Type a cursor value is read back as, so the database re-parses its own exact text (microsecond
   * timestamps, bigint, numeric) instead of the driver's lossy JS value; `undefined` where the driver
   * already returns exact values (SQLite).
   */
  readonly cursorTextType: 'text' | 'char' | undefined
  /**
   * Whether the driver returns a column of this catalogue type exactly as the database holds it
   * (integers and text; on PostgreSQL also bigint, which `pg` returns as a string), so a cursor
   * can take the value from the row instead of selecting it again as `cursorTextType`.
   */
  exactInDriver(type: string): boolean
  /**
   * How a bulk INSERT carries its rows: PostgreSQL binds each column as one array and selects from
   * `unnest(…)` (a handful of parameters whatever the row count, no bind limit, cheap to parse);
   * elsewhere a multi-row `VALUES` list, chunked under `maxBindParameters` and `maxStatementBytes`.
   */
  readonly bulkInsertForm: 'unnest' | 'values'
  /**
   * How a bulk update with a different value per row is written: PostgreSQL joins the table to the
   * `unnest` of one array per column (`UPDATE … FROM unnest(…)`), MySQL to a derived table
   * (`UPDATE t, (…) v SET … WHERE`, its rows spelled as {@link derivedRowsForm} says), SQLite to a `WITH v(…) AS (VALUES …)` list
   * (`UPDATE … FROM v`). On SQLite a prepared statement per row is as fast when the statement is
   * prepared once, but through Kysely every row's statement is also built and compiled (and, without
   * `KyseraSqliteDialect`, prepared), which makes that form slower; `statement-per-row` stays available.
   */
  readonly bulkUpdateForm: 'unnest' | 'values-cte' | 'join-derived-table' | 'statement-per-row'
  /** Largest statement (in bytes of bound values, estimated) one bulk write sends. */
  readonly maxStatementBytes: number
  /** `INSERT … ON CONFLICT (…) DO UPDATE` (PostgreSQL, SQLite) or `ON DUPLICATE KEY UPDATE` (MySQL). */
  readonly upsertForm: 'on-conflict' | 'on-duplicate-key'
  /** `SELECT … FOR UPDATE` exists (SQLite locks the whole database in a write transaction instead). */
  readonly supportsForUpdate: boolean
  /**
   * Takes the lock migration runners share, on `connection` (a Kysely bound to one connection), waiting
   * up to `timeoutMs`; false when it did not get it. The lock belongs to the session, so a crashed
   * holder's lock ends with its connection: PostgreSQL `pg_try_advisory_lock`, MySQL `GET_LOCK`, SQLite
   * `BEGIN IMMEDIATE` (the database's write lock, held as an open transaction — see
   * `migrationLockIsTransaction`).
   */
  acquireMigrationLock(connection: Executor, name: string, timeoutMs: number): Promise<boolean>
  /** Gives the lock back (SQLite: commits the transaction the lock is). */
  releaseMigrationLock(connection: Executor, name: string): Promise<void>
  /** The migration lock is an open write transaction, so each migration runs in a savepoint inside it (SQLite). */
  readonly migrationLockIsTransaction: boolean
  /** Base tables (no views) of the current schema (PostgreSQL search path, MySQL database, SQLite main). */
  listTables(executor: Executor): Promise<string[]>
  /** Foreign keys among the current schema's tables: `table` references `references`. */
  foreignKeyPairs(executor: Executor): Promise<{ table: string; references: string }[]>
  /**
   * Runs `fn` with foreign-key checks off for this session where the dialect can switch them
   * (MySQL `foreign_key_checks`, SQLite `foreign_keys`), and restores the previous setting afterwards,
   * also when `fn` throws. PostgreSQL cannot without superuser rights: `fn` runs as is.
   * Needs one connection (a transaction or `db.connection()`), so the setting and the work share it.
   */
  withoutForeignKeyChecks<T>(connection: Executor, fn: () => Promise<T>): Promise<T>
  /** Empties `tables` in one go where the dialect has TRUNCATE, restarting their auto-increment counters. */
  truncateTables(connection: Executor, tables: readonly string[]): Promise<void>
  /** Restarts `table`'s auto-increment counter or sequence after a DELETE (a no-op when it has none). */
  resetAutoIncrement(connection: Executor, table: string): Promise<void>
  /** Column types for tables Kysera creates itself (the audit table, the migrations table). */
  readonly ddlTypes: DdlTypes
  /**
   * A point in time as a bind parameter for a timestamp column: a `Date` where the driver converts it
   * (pg, mysql2), an ISO-8601 string on SQLite (better-sqlite3 binds no `Date`; ISO text sorts correctly).
   */
  timestampValue(date: Date): unknown
  /**
   * `date` as ISO-8601 text the dialect's timestamp columns accept: `2024-01-02T03:04:05.678Z`, except
   * on MySQL/MariaDB, which refuse the `T` … `Z` form and take `2024-01-02 03:04:05.678` (UTC).
   */
  isoTimestamp(date: Date): string
  /** Tables of the current schema/database that have a column named `column` (one catalogue read). */
  tablesWithColumn(executor: Executor, column: string): Promise<string[]>
  /**
   * Whether one multi-row INSERT receives consecutive auto-increment ids (first = the reported insert
   * id, then `+ increment`), which is how rows are read back without RETURNING. Read once from the
   * server on MySQL (`innodb_autoinc_lock_mode` ≤ 1); always true where RETURNING exists.
   */
  autoIncrementAllocation(executor: Executor): Promise<{ consecutive: boolean; increment: number }>
  /**
   * How a `join-derived-table` bulk update spells its rows: `values` is a table value constructor
   * (`WITH v(…) AS (VALUES (…), (…)) SELECT * FROM v`), one query block however many rows;
   * `union-all` is `SELECT … UNION ALL SELECT …`, a query block per row, which costs a MariaDB server
   * about three times as long to parse for 10,000 rows. Read once from the server on MySQL: MariaDB
   * 10.3.3+ has the constructor; MySQL spells it `VALUES ROW(…)` (8.0.19+), which is not tested here
   * and so not used. Only MySQL asks.
   */
  derivedRowsForm(executor: Executor): Promise<'values' | 'union-all'>
  /**
   * Whether key lists and bulk updates may send their rows as one JSON document that the statement
   * reads with `json_each(?)` and `value ->> i`, instead of one bound parameter per value: SQLite 3.38+
   * (for `->>`; its number parsing round-trips every double). The statement's SQL is then the same for
   * any number of rows, so it is prepared once and cached, where a multi-row `VALUES` list is a new,
   * megabytes-large statement for every batch size (bulk inserts still use one: SQLite reads bound
   * values into an INSERT faster than it parses JSON). Read once from the database; only SQLite says yes.
   */
  jsonRowSource(executor: Executor): Promise<boolean>
  /**
   * The columns of `table` in table order, with nullability and declared type, from the catalogue;
   * one look-up per table, cached on this adapter. An unknown table gives an empty map.
   */
  tableColumns(executor: Executor, table: string, schema?: string): Promise<ReadonlyMap<string, ColumnInfo>>
  /** What {@link tableColumns} has already read for `table`, without waiting; `undefined` before that. */
  knownColumns(table: string, schema?: string): ReadonlyMap<string, ColumnInfo> | undefined
  /** Whether `error` has the shape of this dialect's driver errors. */
  recognizesError(error: unknown): boolean
  /** Maps a driver error to a typed Kysera error without any I/O. */
  parseError(error: unknown): DatabaseError
  /**
   * Fills what the driver left out (MySQL index columns, SQLite foreign-key tables) with catalogue
   * look-ups cached on this adapter. Never throws; returns `parsed` unchanged when nothing is known.
   */
  resolveError(executor: Executor, parsed: DatabaseError, error: unknown, hints: ErrorHints): Promise<DatabaseError>
}
