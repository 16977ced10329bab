import { getAdapter } from '../dialect/get-adapter.js'
import type { Executor } from '../dialect/dialect.js'
import type { ErrorHints } from '../dialect/error-hints.js'
import type { DatabaseError } from './database-error.js'
import { parseDatabaseError } from './parse-database-error.js'
import { isDatabaseError } from './type-guards.js'

/**
 * {@link parseDatabaseError}, completed from the database's catalogue where the driver is silent:
 * the columns of a MySQL/MariaDB duplicate key (one catalogue read, cached per Kysely instance and
 * refreshed when a key is missing from it), the table of a MariaDB NOT NULL or MySQL CHECK error, the
 * index of a SQLite unique error and the tables of a SQLite foreign-key error (`hints.table` helps).
 * Never throws; a failing look-up returns the parsed error. Repository methods throw what it returns.
 *
 * @example
 * ```ts
 * catch (e) { throw await resolveDatabaseError(db, e, { table: 'users' }) }
 * ```
 */
export async function resolveDatabaseError(executor: Executor, error: unknown, hints: ErrorHints = {}): Promise<DatabaseError> {
  if (isDatabaseError(error)) return error
  let adapter
  try {
    adapter = getAdapter(executor)
  } catch {
    return parseDatabaseError(error)
  }
  const parsed = adapter.recognizesError(error) ? adapter.parseError(error) : parseDatabaseError(error)
  return adapter.resolveError(executor, parsed, error, hints)
}
