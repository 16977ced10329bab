import { DatabaseError } from './database-error.js'

/**
 * The requested row does not exist (for example `repo.update(id)` of a missing id).
 *
 * @example
 * ```ts
 * throw new NotFoundError('[kysera:repository] users 42 not found')
 * ```
 */
export class NotFoundError extends DatabaseError {
  static override readonly kind: string = 'NotFoundError'
  static override readonly defaultCode: string = 'NOT_FOUND'
}
