import { numberField, stringField } from '../error-fields.js'

/** Server error numbers worth retrying (MySQL and MariaDB). */
const TRANSIENT_ERRNOS = new Set([
  1205, // ER_LOCK_WAIT_TIMEOUT
  1213, // ER_LOCK_DEADLOCK
  1040, // ER_CON_COUNT_ERROR (too many connections)
  1053, // ER_SERVER_SHUTDOWN
  1927, // ER_CONNECTION_KILLED (MariaDB)
  2006, // CR_SERVER_GONE_ERROR
  2013, // CR_SERVER_LOST
  4031, // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8: idle connection closed by the server)
])

/** mysql2's codes for a connection that broke without a server error number. */
const TRANSIENT_CODES = new Set(['PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ER_SERVER_SHUTDOWN'])

/** What mysql2 throws (with no code) for a query on a connection that has already broken. */
const CLOSED_CONNECTION_MESSAGE = "Can't add new command when connection is in closed state"

/** Whether a mysql2 error is a deadlock, a lock wait timeout or a lost connection. */
export function isTransientMysqlError(error: unknown): boolean {
  const errno = numberField(error, 'errno')
  if (errno !== undefined && TRANSIENT_ERRNOS.has(errno)) return true
  return TRANSIENT_CODES.has(stringField(error, 'code') ?? '') || stringField(error, 'message') === CLOSED_CONNECTION_MESSAGE
}
