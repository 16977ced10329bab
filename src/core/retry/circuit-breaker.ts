import { parseDatabaseError } from '../errors/parse-database-error.js'
import { hasErrorKind } from '../errors/brand.js'
import { assertFunctionOption, assertIntegerOption, assertNumberOption, assertOptionsObject } from '../options/assert-option.js'
import { CircuitOpenError } from './circuit-open-error.js'

/** `closed`: calls pass; `open`: calls fail fast; `half-open`: one probe call decides. */
export type CircuitState = 'closed' | 'open' | 'half-open'

/** Options of {@link CircuitBreaker}. */
export interface CircuitBreakerOptions {
  /** Consecutive failures that open the breaker. Default `5`. */
  failureThreshold?: number
  /** Milliseconds the breaker stays open before letting one probe through. Default `30000`. */
  resetTimeoutMs?: number
  /** Called on every transition with the new and the previous state (after the state changed). It should not throw: its error would reach the caller of `execute`. */
  onStateChange?: (state: CircuitState, previous: CircuitState) => void
  /**
   * Which errors count as failures. Default: every error except those that prove the database answered
   * — constraint violations, not-found, bad request and validation errors — so users submitting
   * duplicates cannot open the breaker.
   */
  isFailure?: (error: unknown) => boolean
}

/** Kinds of error that mean "the database is fine, the request was not". */
const ANSWERED_KINDS = [
  'UniqueConstraintError',
  'ForeignKeyError',
  'NotNullError',
  'CheckConstraintError',
  'NotFoundError',
  'BadRequestError',
  'ValidationError',
]

function countsAsFailure(error: unknown): boolean {
  const parsed = parseDatabaseError(error)
  return !ANSWERED_KINDS.some((kind) => hasErrorKind(parsed, kind))
}

/**
 * Stops calling a database that keeps failing. After `failureThreshold` **consecutive** failures the
 * breaker opens and `execute` throws {@link CircuitOpenError} at once; after `resetTimeoutMs` the next
 * call is let through as a probe (half-open) while concurrent callers are still refused; the probe's
 * success closes the breaker, its failure opens it again. The breaker uses no timers: the open →
 * half-open transition happens on the first call after `resetTimeoutMs`.
 *
 * @example
 * ```ts
 * const breaker = new CircuitBreaker({ failureThreshold: 5, resetTimeoutMs: 10_000 })
 * const user = await breaker.execute(() => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst())
 * ```
 */
export class CircuitBreaker {
  readonly #failureThreshold: number
  readonly #resetTimeoutMs: number
  readonly #onStateChange: ((state: CircuitState, previous: CircuitState) => void) | undefined
  readonly #isFailure: (error: unknown) => boolean
  #state: CircuitState = 'closed'
  #failures = 0
  #openedAt = 0

  constructor(options: CircuitBreakerOptions = {}) {
    assertOptionsObject('circuit-breaker', options)
    const { failureThreshold = 5, resetTimeoutMs = 30_000, onStateChange, isFailure = countsAsFailure } = options
    assertIntegerOption('circuit-breaker', 'failureThreshold', failureThreshold, 1)
    assertNumberOption('circuit-breaker', 'resetTimeoutMs', resetTimeoutMs)
    assertFunctionOption('circuit-breaker', 'onStateChange', onStateChange)
    assertFunctionOption('circuit-breaker', 'isFailure', isFailure)
    this.#failureThreshold = failureThreshold
    this.#resetTimeoutMs = resetTimeoutMs
    this.#onStateChange = onStateChange
    this.#isFailure = isFailure
  }

  /** The current state. An open breaker reports `open` until a call arrives after `resetTimeoutMs`. */
  get state(): CircuitState {
    return this.#state
  }

  /** Consecutive failures counted so far. */
  get failureCount(): number {
    return this.#failures
  }

  /** Runs `fn` unless the breaker is open; records its outcome. */
  async execute<T>(fn: () => Promise<T> | T): Promise<T> {
    assertFunctionOption('circuit-breaker', 'fn', fn)
    if (this.#state === 'half-open') throw new CircuitOpenError(0)
    if (this.#state === 'open') {
      const remaining = this.#openedAt + this.#resetTimeoutMs - Date.now()
      if (remaining > 0) throw new CircuitOpenError(remaining)
      this.#transition('half-open')
    }
    const probe = this.#state !== 'closed'
    let result: T
    try {
      result = await fn()
    } catch (error) {
      if (this.#isFailure(error)) this.#recordFailure(probe)
      else this.#recordSuccess(probe)
      throw error
    }
    this.#recordSuccess(probe)
    return result
  }

  /** Closes the breaker and forgets the failures. */
  reset(): void {
    this.#failures = 0
    this.#transition('closed')
  }

  // Outside the closed state only the probe's outcome counts: a call that started before the breaker
  // opened says nothing about the database now.
  #recordSuccess(probe: boolean): void {
    if (probe) this.#transition('closed')
    if (this.#state === 'closed') this.#failures = 0
  }

  #recordFailure(probe: boolean): void {
    if (this.#state === 'closed') this.#failures++
    if (probe || (this.#state === 'closed' && this.#failures >= this.#failureThreshold)) {
      this.#openedAt = Date.now()
      this.#transition('open')
    }
  }

  #transition(state: CircuitState): void {
    const previous = this.#state
    if (previous === state) return
    this.#state = state
    this.#onStateChange?.(state, previous)
  }
}
