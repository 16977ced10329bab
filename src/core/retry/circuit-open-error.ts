import { DatabaseError, type DatabaseErrorOptions } from '../errors/database-error.js'

/**
 * Thrown by {@link CircuitBreaker.execute} while the breaker is open (or while its half-open probe is
 * running): the call was refused without touching the database. `code: 'CIRCUIT_OPEN'`.
 *
 * @example
 * ```ts
 * catch (e) { if (e instanceof CircuitOpenError) res.set('Retry-After', String(Math.ceil(e.retryAfterMs / 1000))).status(503) }
 * ```
 */
export class CircuitOpenError extends DatabaseError {
  static override readonly kind: string = 'CircuitOpenError'
  static override readonly defaultCode: string = 'CIRCUIT_OPEN'

  /** Milliseconds until the breaker lets a probe through (0 while a probe is already running). */
  readonly retryAfterMs: number

  constructor(retryAfterMs: number, options: DatabaseErrorOptions = {}) {
    super(
      retryAfterMs > 0
        ? `[kysera:circuit-breaker] Circuit open: calls refused for another ${Math.ceil(retryAfterMs)} ms`
        : '[kysera:circuit-breaker] Circuit half-open: a probe call is running, others are refused',
      options,
    )
    this.retryAfterMs = retryAfterMs
  }

  protected override publicFields(): Record<string, unknown> {
    return { retryAfterMs: this.retryAfterMs }
  }
}
