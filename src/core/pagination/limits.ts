import { BadRequestError } from '../errors/bad-request-error.js'
import { describeValue } from '../options/assert-option.js'

/** Rows per page when `limit` is omitted. */
export const DEFAULT_LIMIT = 20
/** Largest `limit` accepted unless `maxLimit` says otherwise. */
export const DEFAULT_MAX_LIMIT = 1000

/** Throws `BadRequestError` (`INVALID_PAGINATION`) unless `value` is an integer in [min, max]. */
export function assertIntegerOption(value: unknown, option: string, min: number, max: number): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`
    throw new BadRequestError(`[kysera:pagination] Invalid ${option}: expected ${range}, got ${describeValue(value)}`, {
      code: 'INVALID_PAGINATION',
    })
  }
}

/** Validates `limit` against `maxLimit` and returns it. */
export function resolveLimit(limit: unknown, maxLimit: unknown): number {
  const max = maxLimit ?? DEFAULT_MAX_LIMIT
  assertIntegerOption(max, 'maxLimit', 1, Number.MAX_SAFE_INTEGER)
  const value = limit ?? DEFAULT_LIMIT
  assertIntegerOption(value, 'limit', 1, max)
  return value
}
