/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import { sql, type UpdateQueryBuilder } from 'kysely'
import { BadRequestError, withTransaction } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import { updateInputs } from '../input.js'
import type { RepositoryCore } from '../repository-core.js'
import type { PrimaryKeyValue } from '../repository-types.js'
import { notFound, selectByKeys } from '../write-methods.js'
import { emitWrite, prepareRows, previousRows } from '../write-pipeline.js'
import { unnestColumns } from './column-arrays.js'
import { uniqueKeys } from './existing-keys.js'
import { approximateBytes, groupByColumns, statementChunks } from './statement-chunks.js'

/** Alias of the joined list of new values, and its column names (no clash with the table's). */
const VALUES_ALIAS = 'kysera_v'
const KEY_COLUMN = 'kysera_key'
const valueColumn = (i: number): string => `kysera_c${i}`

interface Change {
  key: PrimaryKeyValue
  data: Record<string, unknown>
}

/**
 * Applies a different change to each row, all or nothing: each group of rows changing the same
 * columns is written set-based, one statement per chunk, in the form the dialect adapter names; a
 * missing id throws `NotFoundError` and the transaction undoes everything.
 */
export async function bulkUpdate(core: RepositoryCore, items: unknown, metadata: Record<string, unknown> = {}): Promise<unknown[]> {
  if (!Array.isArray(items)) {
    throw new BadRequestError(`[kysera:repository] Invalid items: expected an array of { id, data }, got ${describeValue(items)}`, { code: 'INVALID_INPUT' })
  }
  if (items.length === 0) return []
  for (const [i, item] of items.entries()) {
    if (typeof item !== 'object' || item === null || !('data' in item)) {
      throw new BadRequestError(`[kysera:repository] Invalid items.${i}: expected { id, data }, got ${describeValue(item)}`, { code: 'INVALID_INPUT' })
    }
  }
  const list = items as { id: unknown; data: unknown }[]
  const keys = uniqueKeys(core, list.map((i) => i.id), 'items')
  const datas = await updateInputs(core, list.map((i) => i.data))
  const validated: Change[] = keys.map((key, i) => {
    const data = datas[i] as Record<string, unknown>
    if (!Object.hasOwn(data, core.pk)) return { key, data }
    if (String(data[core.pk]) !== String(key)) {
      throw new BadRequestError(`[kysera:repository] Invalid items.${i}.data: bulkUpdate cannot change the primary key`, { code: 'INVALID_INPUT' })
    }
    const withoutKey = { ...data }
    Reflect.deleteProperty(withoutKey, core.pk)
    return { key, data: withoutKey }
  })

  const updated = await withTransaction(core.executor, async (trx) => {
    const tx = core.bind(trx)
    const before = await previousRows(tx, keys, 'bulkUpdate')
    const prepared = await prepareRows(tx, validated.map((c) => c.data), 'update', 'bulkUpdate', metadata)
    const changes = validated.map((c, i) => ({ key: c.key, data: prepared[i] as Record<string, unknown> }))
    // The rows returned (or, without RETURNING, read back afterwards) show which ids were missing;
    // throwing then rolls the whole call back. The reads go through the plugins, so a row they hide
    // (soft-deleted) counts as missing, as its update was filtered out too.
    const returned = new Map<string, Record<string, unknown>>()
    for (const group of groupByColumns(changes.map((c) => c.data))) {
      if (group.columns.length === 0) continue // nothing to change for these rows; read back below
      const groupChanges = changes.slice(group.start, group.start + group.rows.length)
      for (const row of await writeGroup(tx, groupChanges, group.columns)) returned.set(String(row[tx.pk]), row)
    }
    const unread = keys.filter((k) => !returned.has(String(k)))
    for (const row of await selectByKeys(tx, unread, 'bulkUpdate')) returned.set(String(row[tx.pk]), row)
    const missing = keys.filter((k) => !returned.has(String(k)))
    if (missing.length > 0) throw notFound(tx, missing)
    const rows = keys.map((k) => returned.get(String(k)) as Record<string, unknown>)
    await emitWrite(tx, 'UPDATE', 'bulkUpdate', () =>
      rows.map((after, i) => {
        const id = keys[i] as PrimaryKeyValue
        const previous = before.get(String(id))
        return previous === undefined ? { id, after } : { id, before: previous, after }
      }),
    )
    return rows
  })
  return core.toEntities(updated)
}

async function writeGroup(core: RepositoryCore, changes: Change[], columns: string[]): Promise<Record<string, unknown>[]> {
  const ctx = (part: Change[]) => core.context('update', 'bulkUpdate', { ids: part.map((c) => c.key) })
  const form = core.adapter.bulkUpdateForm
  if (form === 'statement-per-row') {
    const out: Record<string, unknown>[] = []
    for (const change of changes) {
      const qb = core.executor.updateTable(core.table).set(change.data).where(core.pk, '=', change.key).returningAll()
      out.push(...(await core.run(ctx([change]), qb, (q) => q.execute())))
    }
    return out
  }
  const paramsPerRow = form === 'unnest' ? 0 : columns.length + 1
  const parts = statementChunks(changes, paramsPerRow, core.adapter.maxBindParameters, core.adapter.maxStatementBytes, (c) => approximateBytes(c.data))
  const set = Object.fromEntries(columns.map((col, i) => [col, sql.ref(`${VALUES_ALIAS}.${valueColumn(i)}`)]))
  const out: Record<string, unknown>[] = []
  for (const part of parts) {
    const rows = part.map((c) => {
      const row: unknown[] = [c.key]
      for (const col of columns) row.push(c.data[col])
      return row
    })
    if (form === 'unnest') {
      // update t set … from unnest($1::int[], $2::text[]) as kysera_v(kysera_key, kysera_c0) where t.id = kysera_v.kysera_key
      const names = [KEY_COLUMN, ...columns.map((_, i) => valueColumn(i))]
      const source = (await unnestColumns(core, [core.pk, ...columns], rows)).as(
        sql`${sql.ref(VALUES_ALIAS)}(${sql.join(names.map((n) => sql.ref(n)))})` as never,
      )
      const qb = core.executor
        .updateTable(core.table)
        .from(source as any)
        .set(set)
        .whereRef(`${core.table}.${core.pk}`, '=', `${VALUES_ALIAS}.${KEY_COLUMN}`)
        .returningAll(core.table) as UpdateQueryBuilder<any, any, any, any>
      out.push(...((await core.run(ctx(part), qb, (q) => q.execute())) as Record<string, unknown>[]))
    } else if (form === 'values-cte') {
      // with kysera_v(kysera_key, kysera_c0) as (values (?, ?), …) update t set … from kysera_v where t.id = kysera_v.kysera_key
      const names = [KEY_COLUMN, ...columns.map((_, i) => valueColumn(i))]
      const qb = core.executor
        .with(`${VALUES_ALIAS}(${names.join(', ')})` as any, () => sql`(values ${sql.join(rows.map((r) => sql`(${sql.join(r)})`))})` as any)
        .updateTable(core.table)
        .from(VALUES_ALIAS as any)
        .set(set)
        .whereRef(`${core.table}.${core.pk}`, '=', `${VALUES_ALIAS}.${KEY_COLUMN}`)
        .returningAll() as UpdateQueryBuilder<any, any, any, any>
      out.push(...((await core.run(ctx(part), qb, (q) => q.execute())) as Record<string, unknown>[]))
    } else {
      // MySQL's multi-table form: update t, (select … union all …) as kysera_v set … where kysera_v.kysera_key = t.id
      const qb = core.executor
        .updateTable([core.table, derivedTable(rows, columns.length)] as any)
        .set(set)
        .whereRef(`${VALUES_ALIAS}.${KEY_COLUMN}`, '=', `${core.table}.${core.pk}`) as UpdateQueryBuilder<any, any, any, any>
      await core.run(ctx(part), qb, (q) => q.execute())
    }
  }
  return out
}

/** `(select ? as kysera_key, ? as kysera_c0 union all select ?, ?) as kysera_v` — MySQL. */
function derivedTable(rows: unknown[][], columnCount: number): any {
  const names = [KEY_COLUMN, ...Array.from({ length: columnCount }, (_, i) => valueColumn(i))]
  const selects = rows.map((row, r) =>
    r === 0 ? sql`select ${sql.join(row.map((v, i) => sql`${v} as ${sql.ref(names[i] as string)}`))}` : sql`select ${sql.join(row)}`,
  )
  return sql`(${sql.join(selects, sql` union all `)})`.as(VALUES_ALIAS)
}
