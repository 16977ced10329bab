import type { PrimaryKeyValue } from './repository-types.js'

/**
 * `rows` in the order of `keys`, `undefined` where no row has that key. Keys match by value first and
 * by string form for the rest (a bigint column comes back as a string, the caller may pass a number).
 */
export function inKeyOrder(rows: readonly Record<string, unknown>[], pk: string, keys: readonly PrimaryKeyValue[]): (Record<string, unknown> | undefined)[] {
  const byValue = new Map<unknown, Record<string, unknown>>()
  for (const row of rows) byValue.set(row[pk], row)
  const ordered = keys.map((key) => byValue.get(key))
  if (!ordered.includes(undefined)) return ordered
  const byString = new Map<string, Record<string, unknown>>()
  for (const row of rows) byString.set(String(row[pk]), row)
  return keys.map((key, i) => ordered[i] ?? byString.get(String(key)))
}
