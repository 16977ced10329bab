import { BadRequestError } from '../core/index.js'
import { describeValue } from '../core/options/assert-option.js'

/** A default value, or a function of the factory's sequence number (1, 2, 3 …). */
export type FactoryDefaults<T> = { [K in keyof T]: T[K] | ((sequence: number) => T[K]) }

/** Builds test rows from defaults. */
export interface Factory<T> {
  /** One object; `overrides` win over the defaults (and may be functions of the sequence too). */
  build(overrides?: Partial<FactoryDefaults<T>>): T
  /** `count` objects, each with its own sequence number. */
  buildMany(count: number, overrides?: Partial<FactoryDefaults<T>>): T[]
  /** Restarts the sequence at 1. */
  resetSequence(): void
}

/**
 * A factory of plain objects for tests: constant defaults, or functions of a per-factory sequence for
 * unique values.
 *
 * @example
 * ```ts
 * const userFactory = createFactory({ email: (n) => `user${n}@test.io`, name: 'Test', age: 30 })
 * await users.bulkCreate(userFactory.buildMany(10, { age: (n) => 20 + n }))
 * ```
 */
export function createFactory<T extends object>(defaults: FactoryDefaults<T>): Factory<T> {
  if (typeof defaults !== 'object' || defaults === null || Array.isArray(defaults)) {
    throw new BadRequestError(`[kysera:testing] Invalid defaults: expected an object, got ${describeValue(defaults)}`, { code: 'INVALID_OPTION' })
  }
  let sequence = 0
  const build = (overrides: Partial<FactoryDefaults<T>> = {}): T => {
    const n = ++sequence
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries({ ...defaults, ...overrides })) out[key] = typeof value === 'function' ? (value as (n: number) => unknown)(n) : value
    return out as T
  }
  return {
    build,
    buildMany: (count, overrides) => {
      if (!Number.isSafeInteger(count) || count < 0) {
        throw new BadRequestError(`[kysera:testing] Invalid count: expected an integer ≥ 0, got ${describeValue(count)}`, { code: 'INVALID_OPTION' })
      }
      return Array.from({ length: count }, () => build(overrides))
    },
    resetSequence: () => {
      sequence = 0
    },
  }
}
