import { BadRequestError } from './bad-request-error.js'
import type { DatabaseErrorOptions } from './database-error.js'

/** One problem found by a validator. */
export interface ValidationIssue {
  /** Dotted path to the offending value (`''` for the whole input), e.g. `address.zip` or `tags.0`. */
  path: string
  /** Human-readable description from the validator. */
  message: string
}

/**
 * Input failed validation; `issues` lists every problem, not only the first.
 *
 * @example
 * ```ts
 * catch (e) { if (isValidationError(e)) return reply.code(422).send(e.toJSON()) }
 * ```
 */
export class ValidationError extends BadRequestError {
  static override readonly kind: string = 'ValidationError'
  static override readonly defaultCode: string = 'VALIDATION_ERROR'

  readonly issues: ValidationIssue[]

  constructor(issues: ValidationIssue[], options: DatabaseErrorOptions & { message?: string } = {}) {
    const summary = issues.map((i) => (i.path === '' ? i.message : `${i.path}: ${i.message}`)).join('; ')
    super(options.message ?? `[kysera] Validation failed: ${summary}`, options)
    this.issues = issues.map((i) => ({ path: i.path, message: i.message }))
  }

  protected override publicFields(): Record<string, unknown> {
    return { issues: this.issues }
  }
}
