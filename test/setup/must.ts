/** `value`, or a test failure when it is `undefined`/`null` (instead of a non-null assertion). */
export function must<T>(value: T | undefined | null): T {
  if (value === undefined || value === null) throw new Error('expected a value')
  return value
}
