/**
 * Appends `items` to `target` and returns it. `target.push(...items)` passes every item as an argument
 * and overflows the call stack past about 120,000 items, a size bulk writes and reads reach.
 */
export function append<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item)
  return target
}
