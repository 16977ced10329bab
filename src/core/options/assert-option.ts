// Option checks shared by the operational helpers (debug, health, shutdown, retry, circuit breaker).
// Each throws `BadRequestError` with `code: 'INVALID_OPTION'` and a message naming the option, before
// any work starts, so a typo in configuration fails at start-up rather than during an outage.
import { BadRequestError } from '../errors/bad-request-error.js'

/** `[kysera:<scope>]`, the prefix of every message. */
type Scope = 'debug' | 'health' | 'shutdown' | 'retry' | 'circuit-breaker' | 'pool' | 'migrations' | 'testing' | 'sqlite'

function invalid(scope: Scope, option: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(`[kysera:${scope}] Invalid ${option}: expected ${expected}, got ${describeValue(value)}`, {
    code: 'INVALID_OPTION',
  })
}

/** A finite number ≥ `min` (default 0), or `undefined`. */
export function assertNumberOption(scope: Scope, option: string, value: unknown, min = 0): asserts value is number | undefined {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    throw invalid(scope, option, `a finite number ≥ ${min}`, value)
  }
}

/** An integer ≥ `min`, or `undefined`. */
export function assertIntegerOption(scope: Scope, option: string, value: unknown, min: number): asserts value is number | undefined {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw invalid(scope, option, `an integer ≥ ${min}`, value)
  }
}

/** A function, or `undefined`. */
export function assertFunctionOption(scope: Scope, option: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') throw invalid(scope, option, 'a function', value)
}

/** A boolean, or `undefined`. */
export function assertBooleanOption(scope: Scope, option: string, value: unknown): asserts value is boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') throw invalid(scope, option, 'a boolean', value)
}

/** One of `allowed`, or `undefined`. */
export function assertOneOfOption<T extends string>(
  scope: Scope,
  option: string,
  value: unknown,
  allowed: readonly T[],
): asserts value is T | undefined {
  if (value !== undefined && !allowed.includes(value as T)) {
    throw invalid(scope, option, `one of ${allowed.map((a) => `'${a}'`).join(', ')}`, value)
  }
}

/** A plain options object, or `undefined`. */
export function assertOptionsObject(scope: Scope, value: unknown): void {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    throw invalid(scope, 'options', 'an object', value)
  }
}

/** Throws the same error shape for checks that do not fit the helpers above. */
export function invalidOption(scope: Scope, option: string, expected: string, value: unknown): BadRequestError {
  return invalid(scope, option, expected, value)
}

/** A short, safe rendering of a rejected value for an error message (strings are cut at 40 characters). */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value)
  return Array.isArray(value) ? 'an array' : typeof value
}
