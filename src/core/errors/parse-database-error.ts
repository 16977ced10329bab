import { ERROR_PARSERS } from '../dialect/error-parsers.js'
import { DIALECTS, type Dialect } from '../dialect/dialect.js'
import { isDatabaseError } from './type-guards.js'
import { DatabaseError } from './database-error.js'

/**
 * Turns a driver error into the matching Kysera error: {@link UniqueConstraintError},
 * {@link ForeignKeyError}, {@link NotNullError}, {@link CheckConstraintError}, or a plain
 * {@link DatabaseError} that keeps the original as `cause`. Pure and synchronous.
 *
 * The dialect is inferred from the error's shape (node-postgres SQLSTATE fields, mysql2 `errno`,
 * better-sqlite3 `SQLITE_*` codes) when omitted. A Kysera error is returned as it is.
 *
 * What the driver does not say stays `undefined` / empty here — MySQL's duplicate-key columns,
 * SQLite's foreign-key tables; {@link resolveDatabaseError} completes them with one cached look-up.
 *
 * @example
 * ```ts
 * try { await db.insertInto('users').values(row).execute() }
 * catch (e) { const err = parseDatabaseError(e); if (isUniqueConstraintError(err)) … }
 * ```
 */
export function parseDatabaseError(error: unknown, dialect?: Dialect): DatabaseError {
  if (isDatabaseError(error)) return error
  const dialects = dialect === undefined ? DIALECTS : [dialect]
  for (const d of dialects) {
    const parser = ERROR_PARSERS[d]
    if (parser.recognizes(error)) return parser.parse(error)
  }
  const message = error instanceof Error ? error.message : String(error)
  return new DatabaseError(`[kysera] Database error: ${message}`, { cause: error })
}
