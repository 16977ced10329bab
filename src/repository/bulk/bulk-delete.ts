import { BadRequestError, withTransaction } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import type { RepositoryCore } from '../repository-core.js'
import { notFound } from '../write-methods.js'
import { assertKeysExist, uniqueKeys } from './existing-keys.js'

/** Deletes every id in one transaction, one statement per chunk; a missing id deletes nothing. */
export async function bulkDelete(core: RepositoryCore, ids: unknown): Promise<number> {
  if (!Array.isArray(ids)) throw new BadRequestError(`[kysera:repository] Invalid ids: expected an array, got ${describeValue(ids)}`, { code: 'INVALID_ID' })
  const keys = uniqueKeys(core, ids, 'ids')
  if (keys.length === 0) return 0
  return withTransaction(core.executor, async (trx) => {
    const tx = core.bind(trx)
    // Without RETURNING the ids are checked and locked first; with it, the deleted keys show what was
    // missing, and throwing rolls the deletes back.
    if (!tx.adapter.supportsReturning) await assertKeysExist(tx, keys, 'bulkDelete')
    const deleted = new Set<string>()
    const step = tx.adapter.maxBindParameters
    for (let i = 0; i < keys.length; i += step) {
      const part = keys.slice(i, i + step)
      const ctx = tx.context('delete', 'bulkDelete', { ids: part })
      const qb = tx.executor.deleteFrom(tx.table).where(tx.pk, 'in', part)
      if (tx.adapter.supportsReturning) {
        for (const row of await tx.run(ctx, qb.returning(tx.pk), (q) => q.execute())) deleted.add(String((row as Record<string, unknown>)[tx.pk]))
      } else {
        await tx.run(ctx, qb, (q) => q.executeTakeFirst())
        for (const k of part) deleted.add(String(k))
      }
    }
    const missing = keys.filter((k) => !deleted.has(String(k)))
    if (missing.length > 0) throw notFound(tx, missing)
    return deleted.size
  })
}
