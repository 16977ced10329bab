/**
 * A proxy of `target` that answers `overrides` itself and forwards everything else, with methods bound
 * to the real object: native objects (better-sqlite3) reject a proxy as `this`, and state must live on
 * one object. Bound copies are cached so `p.method === p.method` holds.
 */
export function boundProxy<T extends object>(target: T, overrides: Readonly<Record<string, unknown>>): T {
  const bound = new WeakMap<object, unknown>()
  return new Proxy(target, {
    get(real, property): unknown {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) return overrides[property]
      const value: unknown = Reflect.get(real, property, real)
      if (typeof value !== 'function') return value
      let method = bound.get(value)
      if (method === undefined) {
        method = (value as (...args: unknown[]) => unknown).bind(real)
        bound.set(value, method)
      }
      return method
    },
    has(real, property): boolean {
      return (typeof property === 'string' && Object.hasOwn(overrides, property)) || Reflect.has(real, property)
    },
  })
}
