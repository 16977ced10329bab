import type { RepositoryCore } from '../repository-core.js'
import type { PrimaryKeyValue } from '../repository-types.js'

/** Throws `BadRequestError` when the same id appears twice (which change would win is undefined). */
export function uniqueKeys(core: RepositoryCore, ids: readonly unknown[], path: string): PrimaryKeyValue[] {
  const keys = ids.map((id, i) => core.checkId(id, `${path}.${i}`))
  const seen = new Set<string>()
  for (const [i, k] of keys.entries()) {
    if (seen.has(String(k))) core.duplicateId(k, `${path}.${i}`)
    seen.add(String(k))
  }
  return keys
}
