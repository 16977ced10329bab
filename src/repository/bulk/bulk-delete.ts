import { BadRequestError, withTransaction } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import type { RepositoryCore } from '../repository-core.js'
import { assertKeysExist, uniqueKeys } from './existing-keys.js'

/** Deletes every id in one transaction, one statement per chunk; a missing id deletes nothing. */
export async function bulkDelete(core: RepositoryCore, ids: unknown): Promise<number> {
  if (!Array.isArray(ids)) throw new BadRequestError(`[kysera:repository] Invalid ids: expected an array, got ${describeValue(ids)}`, { code: 'INVALID_ID' })
  const keys = uniqueKeys(core, ids, 'ids')
  if (keys.length === 0) return 0
  return withTransaction(core.executor, async (trx) => {
    const tx = core.bind(trx)
    await assertKeysExist(tx, keys, 'bulkDelete')
    let deleted = 0
    const step = tx.adapter.maxBindParameters
    for (let i = 0; i < keys.length; i += step) {
      const part = keys.slice(i, i + step)
      const qb = tx.executor.deleteFrom(tx.table).where(tx.pk, 'in', part)
      const result = await tx.run(tx.context('delete', 'bulkDelete', { ids: part }), qb, (q) => q.executeTakeFirst())
      deleted += Number(result.numDeletedRows)
    }
    return deleted
  })
}
