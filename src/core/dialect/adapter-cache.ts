import type { DialectAdapter } from 'kysely'
import type { KyseraDialectAdapter } from './dialect-adapter.js'
import type { Executor } from './dialect.js'

// Keyed by Kysely's own adapter object, which a Kysely instance shares with all its transactions,
// so a transaction and its database get the same Kysera adapter (and the same catalogue caches).
export const ADAPTERS = new WeakMap<DialectAdapter, KyseraDialectAdapter>()

/**
 * The Kysera adapter already made for this executor's Kysely instance, if any. Every repository makes
 * one when it is created, so code that only runs under a repository (plugin hooks) can read it here
 * without importing the adapters.
 */
export function existingAdapter(executor: Executor): KyseraDialectAdapter | undefined {
  return ADAPTERS.get(executor.getExecutor().adapter)
}
