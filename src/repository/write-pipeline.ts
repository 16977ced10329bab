// What every repository write shares: plugins' prepareWrite, soft-delete redirection, previous rows
// for afterWrite, and one event per call — so plugins compose the same way whatever their order.
import { DeleteResult, type QueryResult } from 'kysely'
import { BadRequestError, withTransaction } from '../core/index.js'
import { inKeyOrder } from './key-order.js'
import type { AnyQueryBuilder, QueryContext, WriteOperation, WrittenRow } from './plugin.js'
import type { RepositoryCore } from './repository-core.js'
import type { PrimaryKeyValue } from './repository-types.js'
import { notFound, selectByKeys } from './write-methods.js'
import { append } from './append.js'
import { keySets } from './key-sets.js'

/**
 * Runs a write: in a transaction when it has several statements (`bulk`) or a plugin writes alongside
 * it (audit), so everything commits or rolls back together; otherwise directly.
 */
export function writeScope<T>(core: RepositoryCore, bulk: boolean, fn: (tx: RepositoryCore) => Promise<T>): Promise<T> {
  // Not async: a single write without plugins that watch it runs `fn` directly, without a turn of the
  // microtask queue for an init that has already settled.
  const { plugins } = core.settings
  if (!plugins.initialized) return core.ready().then(() => writeScope(core, bulk, fn))
  if (!bulk && !plugins.observesWrites) return fn(core)
  return withTransaction(core.executor, (trx) => fn(core.bind(trx)))
}

/** The rows with the plugins' additions (timestamps …), after validation. */
export async function prepareRows(
  core: RepositoryCore,
  rows: Record<string, unknown>[],
  operation: 'insert' | 'update',
  method: string,
  metadata: Record<string, unknown>,
): Promise<Record<string, unknown>[]> {
  const { plugins } = core.settings
  if (!plugins.preparesWrites) return rows
  const columns = await core.columns()
  const date = new Date()
  const { adapter } = core
  // The forms are computed when a plugin reads them: formatting all four costs more than the insert's own SQL on SQLite.
  const now = {
    date,
    get iso(): string {
      return adapter.isoTimestamp(date)
    },
    get native(): unknown {
      return adapter.timestampValue(date)
    },
    get unix(): number {
      return Math.floor(date.getTime() / 1000)
    },
  }
  return plugins.prepareWrite(rows, { table: core.table, operation, method, columns, metadata, now })
}

/** The rows as they are now, by key, read in one query, when a plugin asked for them (soft-deleted rows included). */
export async function previousRows(core: RepositoryCore, keys: readonly PrimaryKeyValue[], method: string): Promise<Map<string, Record<string, unknown>>> {
  if (!core.settings.plugins.mayNeedPreviousRows) return new Map()
  const columns = await core.columns()
  if (keys.length === 0 || !core.settings.plugins.needsPreviousRows(core.table, columns)) return new Map()
  const rows = await selectByKeys(core, keys, method, { includeDeleted: true, previous: true })
  return new Map(rows.map((r) => [String(r[core.pk]), r]))
}

/**
 * Tells the plugins what a write did (one event for the whole call). `rows` is a function so a call
 * without such plugins does not build thousands of event objects for nobody.
 */
export async function emitWrite(
  core: RepositoryCore,
  operation: WriteOperation,
  method: string,
  rows: WrittenRow[] | (() => WrittenRow[]),
): Promise<void> {
  if (!core.settings.plugins.observesWrites) return
  const list = typeof rows === 'function' ? rows() : rows
  await core.settings.plugins.afterWrite({ table: core.table, primaryKey: core.pk, operation, method, rows: list }, core.executor)
}

/** The soft-delete column of this table, when a plugin soft-deletes it. */
export async function softDeleteColumn(core: RepositoryCore): Promise<string | undefined> {
  return core.settings.plugins.softDeleteColumn(core.table, await core.columns())
}

/**
 * Marks rows deleted. Rows already deleted keep their first timestamp. With `strict`, an id with no
 * row at all (deleted or not) is a `NotFoundError` and nothing changes. Returns how many rows were
 * newly marked.
 */
export async function softDeleteRows(core: RepositoryCore, keys: PrimaryKeyValue[], method: string, strict: boolean): Promise<number> {
  const column = await softDeleteColumn(core)
  if (column === undefined) throw notCovered(core, method)
  return writeScope(core, keys.length > 1, async (tx) => {
    const before = await previousRows(tx, keys, method)
    if (strict) await assertRowsExist(tx, keys, method)
    const changed = await setDeletedAt(tx, keys, column, tx.adapter.timestampValue(new Date()), method, 'is')
    // The rows after the change are read only for plugins that record writes.
    if (tx.settings.plugins.observesWrites) {
      const after = await selectByKeys(tx, changed, method, { includeDeleted: true })
      await emitWrite(tx, 'SOFT_DELETE', method, after.map((row) => written(tx, row, before)))
    }
    return changed.length
  })
}

/**
 * Clears the deleted mark. An id that does not exist is a `NotFoundError`; a row that is not deleted is
 * a `BadRequestError` (`NOT_DELETED`); either way nothing changes.
 */
export async function restoreRows(core: RepositoryCore, keys: PrimaryKeyValue[], method: string): Promise<unknown[]> {
  const column = await softDeleteColumn(core)
  if (column === undefined) throw notCovered(core, method)
  return writeScope(core, keys.length > 1, async (tx) => {
    const current = await selectByKeys(tx, keys, method, { includeDeleted: true })
    const byKey = new Map(current.map((r) => [String(r[tx.pk]), r]))
    const missing = keys.filter((k) => !byKey.has(String(k)))
    if (missing.length > 0) throw notFound(tx, missing)
    const live = keys.filter((k) => byKey.get(String(k))?.[column] === null)
    if (live.length > 0) {
      throw new BadRequestError(`[kysera:soft-delete] Cannot restore ${tx.pk} ${live.map(String).join(', ')} of "${tx.table}": not deleted`, {
        code: 'NOT_DELETED',
      })
    }
    await setDeletedAt(tx, keys, column, null, method, 'is not')
    const after = await selectByKeys(tx, keys, method, { includeDeleted: true })
    await emitWrite(tx, 'RESTORE', method, after.map((row) => written(tx, row, byKey)))
    return tx.toEntities(after)
  })
}

/** Really deletes rows (also soft-deleted ones). With `strict`, a missing id deletes nothing. */
export async function hardDeleteRows(core: RepositoryCore, keys: PrimaryKeyValue[], method: string, strict: boolean): Promise<number> {
  try {
    return await writeScope(core, strict || keys.length > 1, async (tx) => {
      const before = await previousRows(tx, keys, method)
      const deleted: PrimaryKeyValue[] = []
      const returning = tx.adapter.supportsReturning
      for (const { keys: part, operator, values, form } of await keySets(tx, keys)) {
        const ctx = (): QueryContext => tx.context('delete', method, { ids: part })
        const build = (): AnyQueryBuilder => {
          const qb = tx.executor.deleteFrom(tx.table).where(tx.pk, operator, values as never)
          return returning ? qb.returning(tx.pk) : qb
        }
        // What afterQuery sees: the deleted keys' rows, or (MySQL) the DeleteResult Kysely gives.
        const take = (r: QueryResult<Record<string, unknown>>) => (returning ? r.rows : new DeleteResult(r.numAffectedRows ?? 0n))
        const result = await tx.execute(form && `deleteByKeys\0${form.name}`, form?.parameters ?? [], build, ctx, take)
        if (!(result instanceof DeleteResult)) {
          append(deleted, result.map((r) => r[tx.pk] as PrimaryKeyValue))
        } else {
          // Without RETURNING the count is all there is: a strict call that deleted fewer rows than it
          // named rolls back, and which ids were missing is read afterwards (only on that path).
          const count = Number(result.numDeletedRows)
          if (strict && count < part.length) throw new MissingRows()
          if (count > 0) append(deleted, part)
        }
      }
      if (strict && deleted.length < keys.length) {
        const found = inKeyOrder(deleted.map((id) => ({ id })), 'id', keys)
        throw notFound(tx, keys.filter((_, i) => found[i] === undefined))
      }
      await emitWrite(tx, 'DELETE', method, () => deleted.map((id) => ({ id, ...(before.has(String(id)) ? { before: before.get(String(id)) } : {}) })))
      return deleted.length
    })
  } catch (error) {
    if (!(error instanceof MissingRows)) throw error
    await assertRowsExist(core, keys, method)
    throw notFound(core, keys) // every id existed again by the time they were read: report them all
  }
}

/** A strict delete without RETURNING removed fewer rows than it named (its transaction rolls back). */
class MissingRows extends Error {}

/** Sets the deleted mark of the rows whose mark currently `is` / `is not` null; returns their keys. */
async function setDeletedAt(
  core: RepositoryCore,
  keys: PrimaryKeyValue[],
  column: string,
  value: unknown,
  method: string,
  currently: 'is' | 'is not',
): Promise<PrimaryKeyValue[]> {
  const changed: PrimaryKeyValue[] = []
  for (const { keys: part, operator, values } of await keySets(core, keys)) {
    const ctx = core.context('update', method, { ids: part, softDelete: true })
    const qb = core.executor.updateTable(core.table).set({ [column]: value }).where(core.pk, operator, values as never).where(column, currently, null)
    if (core.adapter.supportsReturning) {
      const rows = await core.run(ctx, qb.returning(core.pk), (q) => q.execute())
      append(changed, rows.map((r) => (r as Record<string, unknown>)[core.pk] as PrimaryKeyValue))
    } else {
      // MySQL: which rows qualified is read first, inside the same transaction.
      const qualifying = await core.run(
        core.context('select', method, { ids: part, includeDeleted: true }),
        core.executor.selectFrom(core.table).select(core.pk).where(core.pk, operator, values as never).where(column, currently, null).forUpdate(),
        (q) => q.execute(),
      )
      await core.run(ctx, qb, (q) => q.execute())
      append(changed, qualifying.map((r) => (r as Record<string, unknown>)[core.pk] as PrimaryKeyValue))
    }
  }
  return changed
}

/** Throws `NotFoundError` for ids with no row at all (soft-deleted rows exist). */
async function assertRowsExist(core: RepositoryCore, keys: PrimaryKeyValue[], method: string): Promise<void> {
  const found = await selectByKeys(core, keys, method, { includeDeleted: true })
  const present = new Set(found.map((r) => String(r[core.pk])))
  const missing = keys.filter((k) => !present.has(String(k)))
  if (missing.length > 0) throw notFound(core, missing)
}

function written(core: RepositoryCore, after: Record<string, unknown>, before: Map<string, Record<string, unknown>>): WrittenRow {
  const id = after[core.pk] as PrimaryKeyValue
  const previous = before.get(String(id))
  return previous === undefined ? { id, after } : { id, before: previous, after }
}

function notCovered(core: RepositoryCore, method: string): BadRequestError {
  return new BadRequestError(`[kysera:soft-delete] ${method}: table "${core.table}" is not soft-deleted by any plugin`, { code: 'NOT_SOFT_DELETED' })
}

