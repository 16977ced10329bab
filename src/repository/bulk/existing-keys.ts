import type { RepositoryCore } from '../repository-core.js'
import type { PrimaryKeyValue } from '../repository-types.js'
import { notFound } from '../write-methods.js'

/**
 * Inside the bulk method's transaction: locks the rows (`FOR UPDATE` where it exists; SQLite's write
 * transaction locks the database) and throws `NotFoundError` naming the ids that do not exist, before
 * anything changes. The read goes through the plugins, so a row they hide (soft-deleted) counts as missing.
 */
export async function assertKeysExist(core: RepositoryCore, keys: readonly PrimaryKeyValue[], method: string): Promise<void> {
  const found = new Set<string>()
  const step = core.adapter.maxBindParameters
  for (let i = 0; i < keys.length; i += step) {
    const part = keys.slice(i, i + step)
    let qb = core.executor.selectFrom(core.table).select(core.pk).where(core.pk, 'in', part)
    if (core.adapter.supportsForUpdate) qb = qb.forUpdate()
    const rows = await core.run(core.context('select', method, { ids: part }), qb, (q) => q.execute())
    for (const row of rows) found.add(String((row as Record<string, unknown>)[core.pk]))
  }
  const missing = keys.filter((k) => !found.has(String(k)))
  if (missing.length > 0) throw notFound(core, missing)
}

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
