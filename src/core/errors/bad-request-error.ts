import { DatabaseError } from './database-error.js'

/**
 * The caller passed something Kysera refuses before touching the database: an invalid option, an
 * unknown column, a malformed cursor (`code: 'INVALID_CURSOR'`)…
 *
 * @example
 * ```ts
 * throw new BadRequestError('[kysera:pagination] Invalid cursor: bad signature', { code: 'INVALID_CURSOR' })
 * ```
 */
export class BadRequestError extends DatabaseError {
  static override readonly kind: string = 'BadRequestError'
  static override readonly defaultCode: string = 'BAD_REQUEST'
}
