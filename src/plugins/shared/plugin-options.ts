// Option checks and the repository extension every plugin shares (an internal helper, not a plugin: plugins still never import each other).
import { BadRequestError } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import { coreOf } from '../../repository/core-ref.js'
import type { RepositoryCore } from '../../repository/repository-core.js'

/** `BadRequestError` (`INVALID_OPTION`) in the plugin's message format. */
export function invalidPluginOption(plugin: string, option: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(`[kysera:${plugin}] Invalid ${option}: expected ${expected}, got ${describeValue(value)}`, { code: 'INVALID_OPTION' })
}

/** A plugin's options object (or `{}`), refusing anything else. */
export function pluginOptionsObject<T>(plugin: string, options: unknown): T {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalidPluginOption(plugin, 'options', 'an object', options)
  return options as T
}

/** The `tables` / `excludeTables` pair every plugin takes, as sets. */
export function tableFilter(plugin: string, tables: unknown, excludeTables: unknown): { tables: ReadonlySet<string> | undefined; excludeTables: ReadonlySet<string> } {
  const list = (option: string, value: unknown): string[] => {
    if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t === '')) throw invalidPluginOption(plugin, option, 'an array of table names', value)
    return value as string[]
  }
  return {
    tables: tables === undefined ? undefined : new Set(list('tables', tables)),
    excludeTables: new Set(excludeTables === undefined ? [] : list('excludeTables', excludeTables)),
  }
}

/**
 * A plugin's `extendRepository`: adds `methods(core)` to a repository built by `createRepository` /
 * `createORM`; a hand-written repository is returned as it is (its author applies the plugin through
 * `applyPlugins`).
 */
export function extendWith<R extends object>(repo: R, methods: (core: RepositoryCore) => object): R {
  const core = coreOf(repo)
  return core === undefined ? repo : { ...repo, ...methods(core) }
}
