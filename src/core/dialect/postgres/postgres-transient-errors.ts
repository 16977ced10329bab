import { stringField } from '../error-fields.js'
import { isPostgresError } from './postgres-error-parser.js'

/** SQLSTATEs worth retrying: the same work can succeed on a new attempt or a new connection. */
const TRANSIENT_SQLSTATES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '57P01', // admin_shutdown (also pg_terminate_backend)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (server starting up)
  '53300', // too_many_connections
])

// node-postgres reports a dropped socket with these messages and no SQLSTATE.
const LOST_CONNECTION_MESSAGES = [
  'Connection terminated unexpectedly',
  'Connection terminated due to connection timeout',
  'Client has encountered a connection error and is not queryable',
  'timeout exceeded when trying to connect',
]

/** Whether a node-postgres error is a serialization failure, a deadlock or a lost/refused connection. */
export function isTransientPostgresError(error: unknown): boolean {
  if (isPostgresError(error)) {
    const code = stringField(error, 'code') ?? ''
    return TRANSIENT_SQLSTATES.has(code) || code.startsWith('08') // class 08: connection exception
  }
  const message = stringField(error, 'message') ?? ''
  return LOST_CONNECTION_MESSAGES.some((m) => message.startsWith(m))
}
