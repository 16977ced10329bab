import { BadRequestError } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import type { RepositoryCore } from '../repository-core.js'
import { hardDeleteRows, softDeleteColumn, softDeleteRows } from '../write-pipeline.js'
import { uniqueKeys } from './existing-keys.js'

/**
 * Deletes every id in one transaction, one statement per chunk; a missing id deletes nothing. On a
 * table a plugin soft-deletes, the rows are marked deleted instead.
 */
export async function bulkDelete(core: RepositoryCore, ids: unknown): Promise<number> {
  if (!Array.isArray(ids)) throw new BadRequestError(`[kysera:repository] Invalid ids: expected an array, got ${describeValue(ids)}`, { code: 'INVALID_ID' })
  const keys = uniqueKeys(core, ids, 'ids')
  if (keys.length === 0) return 0
  if ((await softDeleteColumn(core)) !== undefined) return softDeleteRows(core, keys, 'bulkDelete', true)
  return hardDeleteRows(core, keys, 'bulkDelete', true)
}
