import type { DatabaseError } from '../errors/database-error.js'
import type { Dialect, Executor } from './dialect.js'
import type { ErrorHints } from './error-hints.js'

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
  /** The most bind parameters one statement may carry. */
  readonly maxBindParameters: number
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
