import type { RepositoryCore } from './repository-core.js'

/** Where a repository keeps its core, for the methods plugins add (internal; not exported). */
export const REPOSITORY_CORE: unique symbol = Symbol.for('kysera.repository.core') as never

/**
 * The core behind a repository built by `createRepository` / `createORM`; `undefined` for a
 * hand-written one. Kept apart from `RepositoryCore` so plugins reach the core without bundling it.
 */
export function coreOf(repository: object): RepositoryCore | undefined {
  const core = (repository as { [REPOSITORY_CORE]?: unknown })[REPOSITORY_CORE]
  return typeof core === 'object' && core !== null ? (core as RepositoryCore) : undefined
}
