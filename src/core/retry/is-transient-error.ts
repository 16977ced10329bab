import { DIALECTS } from '../dialect/dialect.js'
import { ERROR_PARSERS } from '../dialect/error-parsers.js'
import { stringField } from '../dialect/error-fields.js'

/** Socket-level failures any driver can surface: the next attempt may get a healthy connection. */
const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTCONN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
])

/** How deep `cause` chains are followed (a Kysera error wraps a driver error, which may wrap a socket error). */
const MAX_CAUSE_DEPTH = 5

/**
 * Whether retrying may succeed: a deadlock, a serialization failure, a lock wait timeout, a lost or
 * refused connection, or a busy SQLite file — on PostgreSQL, MySQL/MariaDB and SQLite. Follows `cause`,
 * so Kysera errors wrapping a driver error are classified by the driver error. Constraint violations,
 * syntax errors and Kysera's own input errors are not transient.
 *
 * Examples: PostgreSQL `40001`, `40P01`, `57P01`, class `08`; MySQL 1213, 1205, lost connection;
 * SQLite `SQLITE_BUSY`.
 *
 * @example
 * ```ts
 * await withRetry(() => transfer(db, from, to), { shouldRetry: isTransientError })
 * ```
 */
export function isTransientError(error: unknown): boolean {
  let current: unknown = error
  for (let depth = 0; depth <= MAX_CAUSE_DEPTH && typeof current === 'object' && current !== null; depth++) {
    if (isTransientShape(current)) return true
    current = (current as { cause?: unknown }).cause
  }
  return false
}

function isTransientShape(error: object): boolean {
  if (NETWORK_CODES.has(stringField(error, 'code') ?? '')) return true
  // pg reports a refused connection to several addresses as an AggregateError of socket errors.
  if (error instanceof AggregateError) return error.errors.length > 0 && error.errors.every(isTransientError)
  return DIALECTS.some((dialect) => ERROR_PARSERS[dialect].isTransient(error))
}
