import type { Executor } from './dialect.js'

/** What the catalogue says about one column. */
export interface ColumnInfo {
  /** May hold NULL. */
  readonly nullable: boolean
  /**
   * The declared type as the database spells it: PostgreSQL `format_type` (`integer`,
   * `timestamp with time zone`, `character varying(50)`), MySQL `column_type`, SQLite the declared type.
   */
  readonly type: string
}

type Loader = (executor: Executor, table: string, schema: string | undefined) => Promise<Map<string, ColumnInfo>>

/**
 * Caches one catalogue read per table. Concurrent callers share the read; a failed read is not
 * cached. Schema changes after the first read are not seen: callers can override per column.
 */
export class TableColumnsCache {
  readonly #entries = new Map<string, Promise<Map<string, ColumnInfo>>>()
  /** Reads that have completed, for callers on a hot path that must not wait a microtask. */
  readonly #settled = new Map<string, Map<string, ColumnInfo>>()
  readonly #load: Loader

  constructor(load: Loader) {
    this.#load = load
  }

  get(executor: Executor, table: string, schema: string | undefined): Promise<ReadonlyMap<string, ColumnInfo>> {
    const key = cacheKey(table, schema)
    let entry = this.#entries.get(key)
    if (entry === undefined) {
      entry = this.#load(executor, table, schema)
      this.#entries.set(key, entry)
      entry.then(
        (columns) => this.#settled.set(key, columns),
        () => this.#entries.delete(key),
      )
    }
    return entry
  }

  /** The columns of a completed read of `table`; `undefined` while none has completed. */
  known(table: string, schema: string | undefined): ReadonlyMap<string, ColumnInfo> | undefined {
    return this.#settled.get(cacheKey(table, schema))
  }
}

function cacheKey(table: string, schema: string | undefined): string {
  return `${schema ?? ''}\u0000${table}`
}
