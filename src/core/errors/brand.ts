/**
 * Brand carried by every Kysera error: the list of error kinds along its class chain.
 *
 * `Symbol.for` returns the same symbol in every copy of the package, so the type guards keep working
 * when a bundle or a monorepo loads Kysera twice — where `instanceof` would fail.
 */
export const ERROR_KINDS: unique symbol = Symbol.for('kysera.error.kinds') as never

/** Reads the kinds branded on `value`, or `undefined` when it is not a Kysera error. */
export function errorKinds(value: unknown): readonly string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const kinds = (value as { [ERROR_KINDS]?: unknown })[ERROR_KINDS]
  return Array.isArray(kinds) ? (kinds as string[]) : undefined
}

/** Whether `value` is a Kysera error of the given kind (or a subclass of it). */
export function hasErrorKind(value: unknown, kind: string): boolean {
  return errorKinds(value)?.includes(kind) ?? false
}
