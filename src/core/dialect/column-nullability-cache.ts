import type { Executor } from './dialect.js'

type Loader = (executor: Executor, table: string, schema: string | undefined) => Promise<Map<string, boolean>>

/**
 * Caches one catalogue read per table. Concurrent callers share the read; a failed read is not
 * cached. Schema changes after the first read are not seen: callers can override per column.
 */
export class ColumnNullabilityCache {
  readonly #entries = new Map<string, Promise<Map<string, boolean>>>()
  readonly #load: Loader

  constructor(load: Loader) {
    this.#load = load
  }

  get(executor: Executor, table: string, schema: string | undefined): Promise<ReadonlyMap<string, boolean>> {
    const key = `${schema ?? ''}\u0000${table}`
    let entry = this.#entries.get(key)
    if (entry === undefined) {
      entry = this.#load(executor, table, schema)
      this.#entries.set(key, entry)
      entry.catch(() => this.#entries.delete(key))
    }
    return entry
  }
}
