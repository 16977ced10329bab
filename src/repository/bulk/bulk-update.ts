/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import { sql, type RawBuilder, type UpdateQueryBuilder } from 'kysely'
import { BadRequestError, withTransaction } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import { updateInputs } from '../input.js'
import type { RepositoryCore } from '../repository-core.js'
import type { PrimaryKeyValue } from '../repository-types.js'
import { selectByKeys } from '../write-methods.js'
import { assertKeysExist, uniqueKeys } from './existing-keys.js'
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
 * Applies a different change to each row, all or nothing: ids are checked (and locked) first, then
 * each group of rows changing the same columns is written set-based, one statement per chunk, in the
 * form the dialect adapter names.
 */
export async function bulkUpdate(core: RepositoryCore, items: unknown): Promise<unknown[]> {
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
  const changes: Change[] = keys.map((key, i) => {
    const { [core.pk]: newKey, ...data } = datas[i] as Record<string, unknown>
    if (newKey !== undefined && String(newKey) !== String(key)) {
      throw new BadRequestError(`[kysera:repository] Invalid items.${i}.data: bulkUpdate cannot change the primary key`, { code: 'INVALID_INPUT' })
    }
    return { key, data }
  })

  const updated = await withTransaction(core.executor, async (trx) => {
    const tx = core.bind(trx)
    await assertKeysExist(tx, keys, 'bulkUpdate')
    const returned = new Map<string, Record<string, unknown>>()
    const groups = groupByColumns(changes.map((c) => c.data))
    for (const group of groups) {
      const groupChanges = changes.slice(group.start, group.start + group.rows.length)
      if (group.columns.length === 0) continue // nothing to change for these rows
      for (const row of await writeGroup(tx, groupChanges, group.columns)) returned.set(String(row[tx.pk]), row)
    }
    const missingBack = keys.filter((k) => !returned.has(String(k)))
    // Rows with nothing to change, and every row where there is no RETURNING, are read back.
    for (const row of await selectByKeys(tx, missingBack, 'bulkUpdate')) returned.set(String(row[tx.pk]), row)
    return keys.map((k) => returned.get(String(k))).filter((r): r is Record<string, unknown> => r !== undefined)
  })
  return core.toEntities(updated)
}

async function writeGroup(core: RepositoryCore, changes: Change[], columns: string[]): Promise<Record<string, unknown>[]> {
  const ctx = (part: Change[]) => core.context('update', 'bulkUpdate', { ids: part.map((c) => c.key) })
  if (core.adapter.bulkUpdateForm === 'statement-per-row') {
    const out: Record<string, unknown>[] = []
    for (const change of changes) {
      const qb = core.executor.updateTable(core.table).set(change.data).where(core.pk, '=', change.key).returningAll()
      out.push(...(await core.run(ctx([change]), qb, (q) => q.execute())))
    }
    return out
  }
  const types = core.adapter.valuesNeedCasts ? await columnTypes(core, columns) : undefined
  const parts = statementChunks(changes, columns.length + 1, core.adapter.maxBindParameters, (c) => approximateBytes(Object.values(c.data)))
  const out: Record<string, unknown>[] = []
  for (const part of parts) {
    const rows = part.map((c) => [c.key, ...columns.map((col) => c.data[col])])
    const set = Object.fromEntries(columns.map((col, i) => [col, sql.ref(`${VALUES_ALIAS}.${valueColumn(i)}`)]))
    if (core.adapter.bulkUpdateForm === 'from-values') {
      const qb = core.executor
        .updateTable(core.table)
        .from(valuesList(rows, columns.length, types))
        .set(set)
        .whereRef(`${core.table}.${core.pk}`, '=', `${VALUES_ALIAS}.${KEY_COLUMN}`)
        .returningAll(core.table) as UpdateQueryBuilder<any, any, any, any>
      out.push(...((await core.run(ctx(part), qb, (q) => q.execute())) as Record<string, unknown>[]))
    } else {
      // MySQL's multi-table form: `update t, (derived) as v set … where v.key = t.key`.
      const qb = core.executor
        .updateTable([core.table, derivedTable(rows, columns.length)] as any)
        .set(set)
        .whereRef(`${VALUES_ALIAS}.${KEY_COLUMN}`, '=', `${core.table}.${core.pk}`) as UpdateQueryBuilder<any, any, any, any>
      await core.run(ctx(part), qb, (q) => q.execute())
    }
  }
  return out
}

/** `(values ($1::int, $2::text), ($3, $4)) as kysera_v(kysera_key, kysera_c0)` — PostgreSQL. */
function valuesList(rows: unknown[][], columnCount: number, types: string[] | undefined): any {
  const names = [KEY_COLUMN, ...Array.from({ length: columnCount }, (_, i) => valueColumn(i))]
  // Parameters arrive untyped; casting the first row is enough for PostgreSQL to type the whole list.
  const tuples = rows.map((row, r) =>
    sql`(${sql.join(row.map((v, i) => (r === 0 && types !== undefined ? sql`cast(${v} as ${sql.raw(types[i] as string)})` : sql`${v}`)))})`,
  )
  return sql`(values ${sql.join(tuples)})`.as(sql`${sql.ref(VALUES_ALIAS)}(${sql.join(names.map((n) => sql.ref(n)))})` as RawBuilder<unknown> as never)
}

/** `(select ? as kysera_key, ? as kysera_c0 union all select ?, ?) as kysera_v` — MySQL. */
function derivedTable(rows: unknown[][], columnCount: number): any {
  const names = [KEY_COLUMN, ...Array.from({ length: columnCount }, (_, i) => valueColumn(i))]
  const selects = rows.map((row, r) =>
    r === 0 ? sql`select ${sql.join(row.map((v, i) => sql`${v} as ${sql.ref(names[i] as string)}`))}` : sql`select ${sql.join(row)}`,
  )
  return sql`(${sql.join(selects, sql` union all `)})`.as(VALUES_ALIAS)
}

/** The catalogue types of the key and `columns`, for the casts of a typed VALUES list. */
async function columnTypes(core: RepositoryCore, columns: string[]): Promise<string[]> {
  const info = await core.adapter.tableColumns(core.executor, core.table)
  return [core.pk, ...columns].map((c) => {
    const type = info.get(c)?.type
    if (type === undefined) throw new BadRequestError(`[kysera:repository] Unknown column "${c}" of table "${core.table}"`, { code: 'UNKNOWN_COLUMN' })
    return type
  })
}
