import { isDatabaseError, type Executor } from '../core/index.js'
import type { AnyQueryBuilder, Plugin, QueryContext, WriteContext, WriteEvent } from './plugin.js'
import { PluginError } from './plugin-error.js'

/**
 * Runs the plugins' hooks in order, naming the plugin in any error that is not already a Kysera error.
 * One runner per ORM: `onInit` runs once, the first time `ready()` is awaited.
 */
export class PluginRunner {
  readonly plugins: readonly Plugin[]
  /** Whether any plugin has an `afterQuery` hook (the repository skips the call otherwise). */
  readonly hasAfterQuery: boolean
  /** Whether any plugin reacts to writes (then every write runs in a transaction). */
  readonly observesWrites: boolean
  /** Whether any plugin adds to the rows written (else they are written as validated). */
  readonly preparesWrites: boolean
  /** Whether any plugin may ask for the rows as they were before a write. */
  readonly mayNeedPreviousRows: boolean
  /** Whether any plugin intercepts queries or sees their results or errors. */
  readonly seesQueries: boolean
  /** Whether every plugin that intercepts queries has an `interceptionKey` (then compiled statements can be kept). */
  readonly interceptsByKey: boolean
  #init: Promise<void> | undefined
  #initialized = false

  constructor(plugins: readonly Plugin[], init?: Promise<void>) {
    this.plugins = plugins
    this.hasAfterQuery = plugins.some((p) => p.afterQuery !== undefined)
    this.observesWrites = plugins.some((p) => p.afterWrite !== undefined)
    this.preparesWrites = plugins.some((p) => p.prepareWrite !== undefined)
    this.mayNeedPreviousRows = plugins.some((p) => p.needsPreviousRows !== undefined)
    this.seesQueries = plugins.some((p) => p.interceptQuery !== undefined || p.afterQuery !== undefined || p.onError !== undefined)
    this.interceptsByKey = plugins.every((p) => p.interceptQuery === undefined || p.interceptionKey !== undefined)
    this.#init = init
    init?.then(() => (this.#initialized = true), () => undefined)
  }

  /** Runs every `onInit` once (sequentially, in order); later calls return the same promise. */
  ready(executor: Executor<unknown>): Promise<void> {
    if (this.#init === undefined) {
      this.#init = (async () => {
        for (const plugin of this.plugins) {
          if (plugin.onInit !== undefined) await guard(plugin, 'onInit', () => plugin.onInit?.(executor))
        }
      })()
      this.#init.then(() => (this.#initialized = true), () => undefined)
    }
    return this.#init
  }

  /** Whether every `onInit` has finished (then `ready()` need not be awaited). */
  get initialized(): boolean {
    return this.#initialized
  }

  /** The same plugins and init state, for an ORM bound to a transaction. */
  get initPromise(): Promise<void> | undefined {
    return this.#init
  }

  intercept<QB extends AnyQueryBuilder>(qb: QB, ctx: QueryContext): QB {
    let current = qb
    for (const plugin of this.plugins) {
      if (plugin.interceptQuery === undefined) continue
      const next = guardSync(plugin, 'interceptQuery', () => plugin.interceptQuery?.(current, ctx))
      if (next === undefined || next === null) throw new PluginError(plugin.name, 'interceptQuery', { cause: new Error('returned no query builder') })
      current = next
    }
    return current
  }

  /**
   * The intercepting plugins' keys for this query, joined: the same string means the same rewrite.
   * `undefined` when a plugin cannot say (then the query is built and intercepted anew).
   */
  interceptionKey(ctx: QueryContext): string | undefined {
    let key = ''
    for (const plugin of this.plugins) {
      if (plugin.interceptQuery === undefined) continue
      const own = guardSync(plugin, 'interceptionKey', () => plugin.interceptionKey?.(ctx))
      if (typeof own !== 'string') return undefined
      key += `${own}\0`
    }
    return key
  }

  async afterQuery(ctx: QueryContext, result: unknown): Promise<unknown> {
    let current = result
    for (const plugin of this.plugins) {
      if (plugin.afterQuery !== undefined) current = await guard(plugin, 'afterQuery', () => plugin.afterQuery?.(ctx, current))
    }
    return current
  }

  onError(ctx: QueryContext, error: unknown): void {
    // The query's own error is what the caller must see; a failing onError hook is not allowed to replace it.
    for (const plugin of this.plugins) {
      try {
        plugin.onError?.(ctx, error)
      } catch {
        // ignored on purpose, see above
      }
    }
  }

  prepareWrite(rows: Record<string, unknown>[], ctx: WriteContext): Record<string, unknown>[] {
    let current = rows
    for (const plugin of this.plugins) {
      if (plugin.prepareWrite !== undefined) current = guardSync(plugin, 'prepareWrite', () => plugin.prepareWrite?.(current, ctx)) ?? current
    }
    return current
  }

  /** The soft-delete column of `table`, if a plugin soft-deletes it. */
  softDeleteColumn(table: string, columns: ReadonlySet<string>): string | undefined {
    for (const plugin of this.plugins) {
      const column = plugin.softDeleteColumn === undefined ? undefined : guardSync(plugin, 'softDeleteColumn', () => plugin.softDeleteColumn?.(table, columns))
      if (column !== undefined) return column
    }
    return undefined
  }

  needsPreviousRows(table: string, columns: ReadonlySet<string>): boolean {
    return this.plugins.some((p) => p.needsPreviousRows !== undefined && guardSync(p, 'needsPreviousRows', () => p.needsPreviousRows?.(table, columns)) === true)
  }

  async afterWrite(event: WriteEvent, executor: Executor<unknown>): Promise<void> {
    if (event.rows.length === 0) return
    for (const plugin of this.plugins) {
      if (plugin.afterWrite !== undefined) await guard(plugin, 'afterWrite', () => plugin.afterWrite?.(event, executor))
    }
  }

  extend<R extends object>(repo: R): R {
    let current = repo
    for (const plugin of this.plugins) {
      if (plugin.extendRepository !== undefined) current = guardSync(plugin, 'extendRepository', () => plugin.extendRepository?.(current)) ?? current
    }
    return current
  }
}

async function guard<T>(plugin: Plugin, hook: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    throw isDatabaseError(error) ? error : new PluginError(plugin.name, hook, { cause: error })
  }
}

function guardSync<T>(plugin: Plugin, hook: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    throw isDatabaseError(error) ? error : new PluginError(plugin.name, hook, { cause: error })
  }
}
