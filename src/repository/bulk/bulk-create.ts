/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import { sql, type InsertQueryBuilder } from 'kysely'
import { BadRequestError, withTransaction } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import { createInputs } from '../input.js'
import type { RepositoryCore } from '../repository-core.js'
import type { PrimaryKeyValue } from '../repository-types.js'
import { insertedKey, selectByKeys } from '../write-methods.js'
import { emitWrite, prepareRows } from '../write-pipeline.js'
import { columnValues, unnestColumns } from './column-arrays.js'
import { approximateBytes, groupByColumns, statementChunks } from './statement-chunks.js'
import { append } from '../append.js'
import { bindsOutside, flatValues, holdsExpression, runRows } from './bound-rows.js'
import { insertPlaceholders } from './value-rows.js'

/**
 * Inserts every row with one multi-row INSERT per chunk, inside one transaction (a savepoint when
 * already in one), and returns the rows in input order.
 */
export async function bulkCreate(core: RepositoryCore, inputs: unknown, metadata: Record<string, unknown> = {}): Promise<unknown[]> {
  if (!Array.isArray(inputs)) {
    throw new BadRequestError(`[kysera:repository] Invalid inputs: expected an array, got ${describeValue(inputs)}`, { code: 'INVALID_INPUT' })
  }
  if (inputs.length === 0) return []
  const validated = await createInputs(core, inputs)
  const inserted = await withTransaction(core.executor, async (trx) => {
    const tx = core.bind(trx)
    const rows = await prepareRows(tx, validated, 'insert', 'bulkCreate', metadata)
    const out: Record<string, unknown>[] = []
    const bound = tx.adapter.bulkInsertForm === 'values' && (await bindsOutside(tx, tx.context('insert', 'bulkCreate')))
    for (const group of groupByColumns(rows)) {
      // unnest binds one array per column, so only the byte budget limits a statement's rows; an array
      // cannot carry a Kysely expression (`sql\`now()\``), so such rows go as a multi-row VALUES list.
      const unnest = tx.adapter.bulkInsertForm === 'unnest' && group.columns.length > 0 && !holdsExpression(group.rows, group.columns)
      const paramsPerRow = unnest ? 0 : group.columns.length
      const parts = statementChunks(group.rows, paramsPerRow, tx.adapter.maxBindParameters, tx.adapter.maxStatementBytes, approximateBytes)
      for (const part of parts) append(out, await insertChunk(tx, part, group.columns, bound, unnest))
    }
    await emitWrite(tx, 'INSERT', 'bulkCreate', () => out.map((row) => ({ id: row[tx.pk] as PrimaryKeyValue, after: row })))
    return out
  })
  return core.toEntities(inserted)
}

async function insertChunk(core: RepositoryCore, rows: Record<string, unknown>[], columns: string[], bound: boolean, unnest: boolean): Promise<Record<string, unknown>[]> {
  const ctx = core.context('insert', 'bulkCreate', { rows: rows.length })
  const given = givenKeys(core, rows)
  // A multi-row INSERT: its values bound as placeholders when they may be (see bound-rows.ts), else Kysely's own `values`.
  const insert = (): { qb: InsertQueryBuilder<any, any, any>; parameters: unknown[] | undefined } => {
    const parameters = bound && columns.length > 0 ? flatValues(rows.length, columns.length, (r, c) => (rows[r] as Record<string, unknown>)[columns[c] as string]) : undefined
    if (parameters === undefined) return { qb: core.executor.insertInto(core.table).values(rows) as InsertQueryBuilder<any, any, any>, parameters }
    const qb = core.executor.insertInto(core.table).columns(columns).expression(insertPlaceholders(rows.length, columns.length)) as InsertQueryBuilder<any, any, any>
    return { qb, parameters }
  }

  if (unnest) {
    const source = await unnestColumns(core, columns, columns.map((c) => columnValues(rows, c)))
    const qb = core.executor
      .insertInto(core.table)
      .columns(columns)
      .expression(sql`select * from ${source}`)
      .returningAll() as InsertQueryBuilder<any, any, any>
    const returned = await core.run(ctx, qb, (q) => q.execute())
    return inInputOrder(core, returned, given)
  }

  if (core.adapter.supportsReturning) {
    const { qb, parameters } = insert()
    const returned = await runRows(core, ctx, qb.returningAll(), parameters)
    return inInputOrder(core, returned.rows, given)
  }

  // No RETURNING (MySQL): read the rows back by key. Keys are known when the caller gave them, or
  // follow from the first insert id when the server hands one statement consecutive ids.
  const allocation = await core.adapter.autoIncrementAllocation(core.executor)
  if (given !== undefined || (rows.every((r) => r[core.pk] === undefined) && allocation.consecutive)) {
    const { qb, parameters } = insert()
    const result = await runRows(core, ctx, qb, parameters)
    if (given !== undefined) return readBack(core, given)
    return readRange(core, result.insertId, rows.length, allocation.increment)
  }
  // Ids may interleave with concurrent inserts (innodb_autoinc_lock_mode = 2) or only some rows carry
  // their key: one statement per row is the only way to know each row's id.
  const keys: PrimaryKeyValue[] = []
  for (const row of rows) {
    const one = core.executor.insertInto(core.table).values(row) as InsertQueryBuilder<any, any, any>
    const result = await core.run(ctx, one, (q) => q.executeTakeFirstOrThrow())
    const key = (row[core.pk] as PrimaryKeyValue | undefined) ?? insertedKey(result.insertId)
    if (key === undefined) throw missingKey(core)
    keys.push(key)
  }
  return readBack(core, keys)
}

/** The caller-given key of every row, or `undefined` when a row leaves its key to the database. */
function givenKeys(core: RepositoryCore, rows: readonly Record<string, unknown>[]): PrimaryKeyValue[] | undefined {
  const keys = rows.map((r) => r[core.pk] as PrimaryKeyValue | undefined)
  return keys.every((k) => k !== undefined) ? (keys as PrimaryKeyValue[]) : undefined
}

// selectByKeys splits the keys under the dialect's limits itself.
async function readBack(core: RepositoryCore, keys: PrimaryKeyValue[]): Promise<Record<string, unknown>[]> {
  const out = await selectByKeys(core, keys, 'bulkCreate')
  if (out.length !== keys.length) throw missingKey(core)
  return out
}

/**
 * The rows of one multi-row INSERT whose ids the server allocated as one consecutive block: every row
 * in [first, last] is ours (no other statement can draw an id inside the block), so a range read
 * replaces a long IN list.
 */
async function readRange(core: RepositoryCore, insertId: bigint | undefined, count: number, increment: number): Promise<Record<string, unknown>[]> {
  if (insertId === undefined || insertId === 0n) throw missingKey(core)
  const first = insertedKey(insertId) as PrimaryKeyValue
  const last = insertedKey(insertId + BigInt((count - 1) * increment)) as PrimaryKeyValue
  const qb = core.selectAll().where(core.pk, '>=', first).where(core.pk, '<=', last).orderBy(core.pk)
  const rows = await core.run(core.context('select', 'bulkCreate'), qb, (q) => q.execute())
  if (rows.length !== count) throw missingKey(core)
  return rows
}

/**
 * RETURNING gives no order guarantee. With caller-given keys the rows are put back in input order by
 * key; with generated numeric keys, ascending key order is insertion order (one statement draws its
 * ids in row order).
 */
function inInputOrder(core: RepositoryCore, rows: Record<string, unknown>[], keys: PrimaryKeyValue[] | undefined): Record<string, unknown>[] {
  if (keys !== undefined) {
    const byKey = new Map(rows.map((r) => [String(r[core.pk]), r]))
    return keys.map((k) => byKey.get(String(k))).filter((r): r is Record<string, unknown> => r !== undefined)
  }
  const key = (r: Record<string, unknown>): unknown => r[core.pk]
  if (!rows.every((r) => typeof key(r) === 'number' || typeof key(r) === 'bigint')) return rows
  if (rows.every((r, i) => i === 0 || (key(rows[i - 1] as Record<string, unknown>) as number) < (key(r) as number))) return rows
  return [...rows].sort((a, b) => {
    const x = key(a) as number | bigint
    const y = key(b) as number | bigint
    return x < y ? -1 : x > y ? 1 : 0
  })
}

function missingKey(core: RepositoryCore): BadRequestError {
  return new BadRequestError(
    `[kysera:repository] Cannot read back the rows inserted into "${core.table}": the table has no auto-increment key and the input did not give "${core.pk}"`,
    { code: 'INVALID_INPUT' },
  )
}
