/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import { sql, type UpdateQueryBuilder } from 'kysely'
import { BadRequestError, withTransaction } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import { updateInputs } from '../input.js'
import type { RepositoryCore } from '../repository-core.js'
import type { PrimaryKeyValue } from '../repository-types.js'
import { inKeyOrder } from '../key-order.js'
import { notFound, selectByKeys } from '../write-methods.js'
import { emitWrite, prepareRows, previousRows } from '../write-pipeline.js'
import { columnValues, unnestColumns } from './column-arrays.js'
import { uniqueKeys } from './existing-keys.js'
import { approximateBytes, groupByColumns, statementChunks } from './statement-chunks.js'
import { jsonEachRows, jsonRowDocuments, type JsonRows } from './json-rows.js'
import { unionAllRows, valuesList, valuesTable } from './value-rows.js'
import { append } from '../append.js'
import { bindsOutside, flatValues, holdsExpression, runRows } from './bound-rows.js'

/** Alias of the joined list of new values, and its column names (no clash with the table's). */
const VALUES_ALIAS = 'kysera_v'
const KEY_COLUMN = 'kysera_key'
const valueColumn = (i: number): string => `kysera_c${i}`

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
  for (let i = 0; i < items.length; i++) {
    const item: unknown = items[i]
    if (typeof item !== 'object' || item === null || !('data' in item)) {
      throw new BadRequestError(`[kysera:repository] Invalid items.${i}: expected { id, data }, got ${describeValue(item)}`, { code: 'INVALID_INPUT' })
    }
  }
  const list = items as { id: unknown; data: unknown }[]
  const keys = uniqueKeys(core, list.map((i) => i.id), 'items')
  const datas = await updateInputs(core, list.map((i) => i.data))
  for (let i = 0; i < datas.length; i++) {
    const data = datas[i] as Record<string, unknown>
    if (!Object.hasOwn(data, core.pk)) continue
    if (String(data[core.pk]) !== String(keys[i])) {
      throw new BadRequestError(`[kysera:repository] Invalid items.${i}.data: bulkUpdate cannot change the primary key`, { code: 'INVALID_INPUT' })
    }
    const withoutKey = { ...data }
    Reflect.deleteProperty(withoutKey, core.pk)
    datas[i] = withoutKey
  }
  const updated = await withTransaction(core.executor, async (trx) => {
    const tx = core.bind(trx)
    const before = await previousRows(tx, keys, 'bulkUpdate')
    const prepared = await prepareRows(tx, datas, 'update', 'bulkUpdate', metadata)
    // The rows returned (or, without RETURNING, read back afterwards) show which ids were missing;
    // throwing then rolls the whole call back. The reads go through the plugins, so a row they hide
    // (soft-deleted) counts as missing, as its update was filtered out too.
    const written: Record<string, unknown>[] = []
    for (const group of groupByColumns(prepared)) {
      if (group.columns.length === 0) continue // nothing to change for these rows; read back below
      const changes = { keys: keys.slice(group.start, group.start + group.rows.length), datas: group.rows }
      append(written, await writeGroup(tx, changes, group.columns))
    }
    let rows = inKeyOrder(written, tx.pk, keys)
    if (rows.includes(undefined)) {
      append(written, await selectByKeys(tx, keys.filter((_, i) => rows[i] === undefined), 'bulkUpdate'))
      rows = inKeyOrder(written, tx.pk, keys)
      const missing = keys.filter((_, i) => rows[i] === undefined)
      if (missing.length > 0) throw notFound(tx, missing)
    }
    const result = rows as Record<string, unknown>[]
    await emitWrite(tx, 'UPDATE', 'bulkUpdate', () =>
      result.map((after, i) => {
        const id = keys[i] as PrimaryKeyValue
        const previous = before.get(String(id))
        return previous === undefined ? { id, after } : { id, before: previous, after }
      }),
    )
    return result
  })
  return core.toEntities(updated)
}

/** Rows changing the same columns: `keys[i]` gets `datas[i]`. Two lists, not an object per row. */
interface Changes {
  keys: PrimaryKeyValue[]
  datas: Record<string, unknown>[]
}

async function writeGroup(core: RepositoryCore, all: Changes, columns: string[]): Promise<Record<string, unknown>[]> {
  const ctx = (keys: PrimaryKeyValue[]) => core.context('update', 'bulkUpdate', { ids: keys })
  // An unnest array cannot carry a Kysely expression (`sql\`now()\``): such rows are updated one by one.
  const form = core.adapter.bulkUpdateForm === 'unnest' && holdsExpression(all.datas, columns) ? 'statement-per-row' : core.adapter.bulkUpdateForm
  if (form === 'statement-per-row') {
    const out: Record<string, unknown>[] = []
    for (const [i, key] of all.keys.entries()) {
      const qb = core.executor.updateTable(core.table).set(all.datas[i] as Record<string, unknown>).where(core.pk, '=', key).returningAll()
      append(out, await core.run(ctx([key]), qb, (q) => q.execute()))
    }
    return out
  }
  // SQLite: the rows as one JSON document (one parameter, the same SQL for any number of rows, read
  // into an update faster than 10,000 bound VALUES rows) when every value is text, a number or NULL
  // and survives the trip; a Kysely plugin then sees the document as one text value, as it sees a
  // list of keys. Otherwise a VALUES list, its values bound as placeholders only where nothing needs
  // to see them as Kysely nodes (see bound-rows.ts).
  const bound = form !== 'unnest' && (await bindsOutside(core, ctx(all.keys.slice(0, 1))))
  const documents = form === 'values-cte' && (await core.adapter.jsonRowSource(core.executor)) ? jsonDocuments(core, all, columns) : undefined
  const paramsPerRow = form === 'unnest' ? 0 : columns.length + 1
  const parts = split(
    all,
    documents !== undefined
      ? documents.map((d) => d.rows)
      : statementChunks(all.datas, paramsPerRow, core.adapter.maxBindParameters, core.adapter.maxStatementBytes, approximateBytes).map((c) => c.length),
  )
  const set = Object.fromEntries(columns.map((col, i) => [col, sql.ref(`${VALUES_ALIAS}.${valueColumn(i)}`)]))
  const names = [KEY_COLUMN, ...columns.map((_, i) => valueColumn(i))]
  const derivedRows = form === 'join-derived-table' && (await core.adapter.derivedRowsForm(core.executor)) === 'values' ? valuesTable : unionAllRows
  const out: Record<string, unknown>[] = []
  for (const [index, { keys, datas }] of parts.entries()) {
    if (form === 'unnest') {
      // update t set … from unnest($1::int[], $2::text[]) as kysera_v(kysera_key, kysera_c0) where t.id = kysera_v.kysera_key
      const arrays = [keys, ...columns.map((col) => columnValues(datas, col))]
      const source = (await unnestColumns(core, [core.pk, ...columns], arrays)).as(
        sql`${sql.ref(VALUES_ALIAS)}(${sql.join(names.map((n) => sql.ref(n)))})` as never,
      )
      const qb = core.executor
        .updateTable(core.table)
        .from(source as any)
        .set(set)
        .whereRef(`${core.table}.${core.pk}`, '=', `${VALUES_ALIAS}.${KEY_COLUMN}`)
        .returningAll(core.table) as UpdateQueryBuilder<any, any, any, any>
      append(out, (await core.run(ctx(keys), qb, (q) => q.execute())) as Record<string, unknown>[])
      continue
    }
    const document = documents?.[index]
    const matrix = document === undefined ? datas.map((data, i) => [keys[i], ...columns.map((col) => data[col])]) : []
    // The values as placeholders bound in order where they may be (see bound-rows.ts), else as Kysely parameters.
    const width = columns.length + 1
    const parameters = bound && document === undefined ? flatValues(matrix.length, width, (r, c) => (matrix[r] as unknown[])[c]) : undefined
    if (form === 'values-cte') {
      // with kysera_v(kysera_key, kysera_c0) as (values (?, ?), …) update t set … from kysera_v where t.id = kysera_v.kysera_key,
      // or with the rows as one JSON document: as (select value ->> 0, … from json_each(?))
      const source = document === undefined ? valuesList(matrix, parameters !== undefined) : sql`(${jsonEachRows(document.text, names)})`
      const qb = core.executor
        .with(`${VALUES_ALIAS}(${names.join(', ')})` as any, () => source as any)
        .updateTable(core.table)
        .from(VALUES_ALIAS as any)
        .set(set)
        .whereRef(`${core.table}.${core.pk}`, '=', `${VALUES_ALIAS}.${KEY_COLUMN}`)
        .returningAll() as UpdateQueryBuilder<any, any, any, any>
      append(out, (await runRows(core, ctx(keys), qb, parameters)).rows)
    } else {
      // MySQL's multi-table form: update t, (with … values … | select … union all …) as kysera_v set … where kysera_v.kysera_key = t.id
      const qb = core.executor
        .updateTable([core.table, derivedRows(matrix, names, parameters !== undefined).as(VALUES_ALIAS)] as any)
        .set(set)
        .whereRef(`${VALUES_ALIAS}.${KEY_COLUMN}`, '=', `${core.table}.${core.pk}`) as UpdateQueryBuilder<any, any, any, any>
      await runRows(core, ctx(keys), qb, parameters)
    }
  }
  return out
}

/**
 * The changes as JSON documents (SQLite), each under the statement byte budget; keys written as
 * integers when the key column has INTEGER affinity (its declared type contains `INT`).
 */
function jsonDocuments(core: RepositoryCore, changes: Changes, columns: readonly string[]): JsonRows[] | undefined {
  const keyType = core.adapter.knownColumns(core.table)?.get(core.pk)?.type ?? ''
  return jsonRowDocuments(changes.datas, columns, changes.keys, core.adapter.maxStatementBytes / 2, /int/i.test(keyType))
}

/** The changes cut into consecutive parts of `sizes` rows. */
function split(changes: Changes, sizes: readonly number[]): Changes[] {
  if (sizes.length === 1) return [changes]
  const parts: Changes[] = []
  let start = 0
  for (const size of sizes) {
    parts.push({ keys: changes.keys.slice(start, start + size), datas: changes.datas.slice(start, start + size) })
    start += size
  }
  return parts
}
