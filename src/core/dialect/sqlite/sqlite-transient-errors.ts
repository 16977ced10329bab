import { stringField } from '../error-fields.js'

/**
 * Whether a better-sqlite3 error says the database file is locked by another connection
 * (`SQLITE_BUSY` and its extended codes), which a later attempt can get past.
 */
export function isTransientSqliteError(error: unknown): boolean {
  return stringField(error, 'code')?.startsWith('SQLITE_BUSY') ?? false
}
