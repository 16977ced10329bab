/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import type { InsertQueryBuilder } from 'kysely'
import { BadRequestError, NotFoundError } from '../core/index.js'
import { describeValue } from '../core/options/assert-option.js'
import { findById } from './read-methods.js'
import { createInput, updateInput } from './input.js'
import type { RepositoryCore } from './repository-core.js'
import type { PrimaryKeyValue } from './repository-types.js'

/** Reads rows back by primary key (MySQL has no RETURNING), in the order of `keys`. */
export async function selectByKeys(core: RepositoryCore, keys: readonly PrimaryKeyValue[], method: string): Promise<Record<string, unknown>[]> {
  if (keys.length === 0) return []
  const qb = core.selectAll().where(core.pk, 'in', keys)
  const rows = await core.run(core.context('select', method, { ids: keys }), qb, (q) => q.execute())
  const byKey = new Map(rows.map((r) => [String(r[core.pk]), r]))
  return keys.map((k) => byKey.get(String(k))).filter((r): r is Record<string, unknown> => r !== undefined)
}

/** The insert id MySQL reports, as a number when it fits. */
export function insertedKey(insertId: bigint | undefined): PrimaryKeyValue | undefined {
  if (insertId === undefined) return undefined
  return insertId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(insertId) : insertId
}

export async function create(core: RepositoryCore, input: unknown): Promise<unknown> {
  const data = await createInput(core, input)
  const ctx = core.context('insert', 'create')
  const qb = core.executor.insertInto(core.table).values(data) as InsertQueryBuilder<any, any, any>
  if (core.adapter.supportsReturning) {
    const row = await core.run(ctx, qb.returningAll(), (q) => q.executeTakeFirstOrThrow())
    return (await core.toEntities([row]))[0]
  }
  const result = await core.run(ctx, qb, (q) => q.executeTakeFirstOrThrow())
  const key = (data[core.pk] as PrimaryKeyValue | undefined) ?? insertedKey(result.insertId)
  if (key === undefined) throw new BadRequestError(`[kysera:repository] Cannot read back the row inserted into "${core.table}": no primary key value`)
  const [row] = await selectByKeys(core, [key], 'create')
  return (await core.toEntities(row === undefined ? [] : [row]))[0]
}

export async function update(core: RepositoryCore, id: unknown, input: unknown): Promise<unknown> {
  const key = core.checkId(id)
  const data = await updateInput(core, input)
  if (Object.keys(data).length === 0) {
    // Nothing to change: still answer like an update would (the row, or NotFoundError).
    const current = await findById(core, key)
    if (current === null) throw notFound(core, [key])
    return current
  }
  const ctx = core.context('update', 'update', { ids: [key] })
  const qb = core.executor.updateTable(core.table).set(data).where(core.pk, '=', key)
  if (core.adapter.supportsReturning) {
    const row = await core.run(ctx, qb.returningAll(), (q) => q.executeTakeFirst())
    if (row === undefined) throw notFound(core, [key])
    return (await core.toEntities([row]))[0]
  }
  await core.run(ctx, qb, (q) => q.executeTakeFirst())
  // MySQL reports changed rows, not matched ones, so whether the row exists is read back instead.
  const [row] = await selectByKeys(core, [(data[core.pk] as PrimaryKeyValue | undefined) ?? key], 'update')
  if (row === undefined) throw notFound(core, [key])
  return (await core.toEntities([row]))[0]
}

export async function remove(core: RepositoryCore, id: unknown): Promise<boolean> {
  const key = core.checkId(id)
  const qb = core.executor.deleteFrom(core.table).where(core.pk, '=', key)
  const result = await core.run(core.context('delete', 'delete', { ids: [key] }), qb, (q) => q.executeTakeFirst())
  return Number(result.numDeletedRows) > 0
}

export async function upsert(core: RepositoryCore, input: unknown, options: unknown): Promise<unknown> {
  const data = await createInput(core, input)
  const conflictColumns = (options as { conflictColumns?: unknown } | undefined)?.conflictColumns
  if (!Array.isArray(conflictColumns) || conflictColumns.length === 0) {
    throw new BadRequestError(`[kysera:repository] Invalid conflictColumns: expected a non-empty array of columns, got ${describeValue(conflictColumns)}`, {
      code: 'INVALID_INPUT',
    })
  }
  const columns = await core.columns()
  for (const c of conflictColumns) {
    if (typeof c !== 'string' || !columns.has(c)) {
      throw new BadRequestError(`[kysera:repository] Unknown column ${describeValue(c)} in conflictColumns of table "${core.table}"`, {
        code: 'UNKNOWN_COLUMN',
      })
    }
    if (data[c] === undefined) {
      throw new BadRequestError(`[kysera:repository] Invalid input: upsert needs a value for conflict column "${c}"`, { code: 'INVALID_INPUT' })
    }
  }
  const conflict = conflictColumns as string[]
  const changes = Object.fromEntries(Object.entries(data).filter(([k]) => !conflict.includes(k) && k !== core.pk))
  // With nothing else to change the row is still "updated" to itself, so the statement reports it.
  const first = conflict[0] as string
  const ctx = core.context('insert', 'upsert')
  const base = core.executor.insertInto(core.table).values(data) as InsertQueryBuilder<any, any, any>
  if (core.adapter.upsertForm === 'on-conflict') {
    const qb = base
      .onConflict((oc) => oc.columns(conflict).doUpdateSet((eb) => (Object.keys(changes).length > 0 ? changes : { [first]: eb.ref(`excluded.${first}`) })))
      .returningAll()
    const row = await core.run(ctx, qb, (q) => q.executeTakeFirstOrThrow())
    return (await core.toEntities([row]))[0]
  }
  const qb = base.onDuplicateKeyUpdate(Object.keys(changes).length > 0 ? changes : { [first]: data[first] })
  await core.run(ctx, qb, (q) => q.executeTakeFirst())
  // The row is found again by its conflict columns (a unique key), whichever branch ran.
  let select = core.selectAll()
  for (const c of conflict) select = select.where(c, '=', data[c])
  const row = await core.run(core.context('select', 'upsert'), select, (q) => q.executeTakeFirst())
  return (await core.toEntities(row === undefined ? [] : [row]))[0]
}

export function notFound(core: RepositoryCore, keys: readonly PrimaryKeyValue[]): NotFoundError {
  const list = keys.slice(0, 10).map(String).join(', ')
  return new NotFoundError(`[kysera:repository] No row of "${core.table}" with ${core.pk} ${keys.length === 1 ? list : `in (${list}${keys.length > 10 ? ', …' : ''})`}`)
}
