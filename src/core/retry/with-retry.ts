import {
  assertBooleanOption,
  assertFunctionOption,
  assertIntegerOption,
  assertNumberOption,
  assertOneOfOption,
  assertOptionsObject,
} from '../options/assert-option.js'
import { isTransientError } from './is-transient-error.js'

/** How the delay grows between attempts. */
export type Backoff = 'exponential' | 'linear' | 'fixed'

/** What `onRetry` receives before each new attempt. */
export interface RetryEvent {
  /** The attempt that just failed (1 for the first). */
  attempt: number
  /** Its error. */
  error: unknown
  /** Milliseconds until the next attempt. */
  delayMs: number
}

/** Options of {@link withRetry}. */
export interface RetryOptions {
  /** Attempts in total, the first included. Default `3`. */
  maxAttempts?: number
  /** Delay before the second attempt, in milliseconds. Default `100`. */
  delayMs?: number
  /** Upper bound of any single delay. Default `10000`. */
  maxDelayMs?: number
  /** `exponential` (delay × 2ⁿ⁻¹, the default), `linear` (delay × n) or `fixed`. */
  backoff?: Backoff
  /**
   * Randomise each delay within [½, 1] of its computed value, so clients that failed together do not
   * retry together. Default `true`.
   */
  jitter?: boolean
  /** Decides whether an error is worth another attempt. Default {@link isTransientError}. */
  shouldRetry?: (error: unknown, attempt: number) => boolean
  /** Called before each new attempt. */
  onRetry?: (event: RetryEvent) => void
  /** Stops retrying when aborted: the wait ends and the last error is thrown. */
  signal?: AbortSignal
}

const BACKOFFS: readonly Backoff[] = ['exponential', 'linear', 'fixed']

/**
 * Runs `fn` until it succeeds, an error is not worth retrying, or `maxAttempts` is reached; then
 * throws the last error as it is (so a `UniqueConstraintError` stays one). `fn` receives the attempt
 * number, starting at 1.
 *
 * To retry a transaction, retry the whole callback: the database rolled the failed attempt back.
 *
 * @example
 * ```ts
 * const order = await withRetry(
 *   () => db.transaction().execute((trx) => placeOrder(trx, cart)),
 *   { maxAttempts: 5, onRetry: ({ attempt, error }) => log.warn({ attempt, error }, 'retrying') },
 * )
 * ```
 */
export async function withRetry<T>(fn: (attempt: number) => Promise<T> | T, options: RetryOptions = {}): Promise<T> {
  assertFunctionOption('retry', 'fn', fn)
  assertOptionsObject('retry', options)
  const {
    maxAttempts = 3,
    delayMs = 100,
    maxDelayMs = 10_000,
    backoff = 'exponential',
    jitter = true,
    shouldRetry = isTransientError,
    onRetry,
    signal,
  } = options
  assertIntegerOption('retry', 'maxAttempts', maxAttempts, 1)
  assertNumberOption('retry', 'delayMs', delayMs)
  assertNumberOption('retry', 'maxDelayMs', maxDelayMs)
  assertOneOfOption('retry', 'backoff', backoff, BACKOFFS)
  assertBooleanOption('retry', 'jitter', jitter)
  assertFunctionOption('retry', 'shouldRetry', shouldRetry)
  assertFunctionOption('retry', 'onRetry', onRetry)

  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt)
    } catch (error) {
      if (attempt >= maxAttempts || signal?.aborted === true || !shouldRetry(error, attempt)) throw error
      const delay = retryDelay(attempt, delayMs, maxDelayMs, backoff, jitter)
      onRetry?.({ attempt, error, delayMs: delay })
      if (!(await sleep(delay, signal))) throw error
    }
  }
}

/** The wait after failed attempt `attempt` (1-based). */
function retryDelay(attempt: number, delayMs: number, maxDelayMs: number, backoff: Backoff, jitter: boolean): number {
  const growth = backoff === 'exponential' ? 2 ** (attempt - 1) : backoff === 'linear' ? attempt : 1
  const delay = Math.min(maxDelayMs, delayMs * growth)
  // "Equal jitter": keeps at least half the backoff while spreading callers over the other half.
  return jitter ? delay / 2 + Math.random() * (delay / 2) : delay
}

/** Resolves `true` after `ms`, or `false` as soon as `signal` aborts; the timer is cleared either way. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted === true) {
      resolve(false)
      return
    }
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
