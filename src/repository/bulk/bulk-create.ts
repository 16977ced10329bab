/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import type { InsertQueryBuilder } from 'kysely'
import { BadRequestError, withTransaction } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import { createInputs } from '../input.js'
import type { RepositoryCore } from '../repository-core.js'
import type { PrimaryKeyValue } from '../repository-types.js'
import { insertedKey, selectByKeys } from '../write-methods.js'
import { approximateBytes, groupByColumns, statementChunks } from './statement-chunks.js'

/**
 * Inserts every row with one multi-row INSERT per chunk, inside one transaction (a savepoint when
 * already in one), and returns the rows in input order.
 */
export async function bulkCreate(core: RepositoryCore, inputs: unknown): Promise<unknown[]> {
  if (!Array.isArray(inputs)) {
    throw new BadRequestError(`[kysera:repository] Invalid inputs: expected an array, got ${describeValue(inputs)}`, { code: 'INVALID_INPUT' })
  }
  if (inputs.length === 0) return []
  const rows = await createInputs(core, inputs)
  const inserted = await withTransaction(core.executor, async (trx) => {
    const tx = core.bind(trx)
    const out: Record<string, unknown>[] = []
    for (const group of groupByColumns(rows)) {
      const parts = statementChunks(group.rows, group.columns.length, tx.adapter.maxBindParameters, (r) => approximateBytes(Object.values(r)))
      for (const part of parts) out.push(...(await insertChunk(tx, part)))
    }
    return out
  })
  return core.toEntities(inserted)
}

async function insertChunk(core: RepositoryCore, rows: Record<string, unknown>[]): Promise<Record<string, unknown>[]> {
  const ctx = core.context('insert', 'bulkCreate', { rows: rows.length })
  const insert = (): InsertQueryBuilder<any, any, any> => core.executor.insertInto(core.table).values(rows) as InsertQueryBuilder<any, any, any>
  const givenKeys = rows.map((r) => r[core.pk] as PrimaryKeyValue | undefined)
  const allKeysGiven = givenKeys.every((k) => k !== undefined)

  if (core.adapter.supportsReturning) {
    const returned = await core.run(ctx, insert().returningAll(), (q) => q.execute())
    return inInputOrder(core, returned, allKeysGiven ? (givenKeys as PrimaryKeyValue[]) : undefined)
  }

  // No RETURNING (MySQL): read the rows back by key. Keys are known when the caller gave them, or
  // follow from the first insert id when the server hands one statement consecutive ids.
  const allocation = await core.adapter.autoIncrementAllocation(core.executor)
  if (allKeysGiven || (givenKeys.every((k) => k === undefined) && allocation.consecutive)) {
    const result = await core.run(ctx, insert(), (q) => q.executeTakeFirstOrThrow())
    const keys = allKeysGiven ? (givenKeys as PrimaryKeyValue[]) : consecutiveKeys(result.insertId, rows.length, allocation.increment)
    return readBack(core, keys)
  }
  // Ids may interleave with concurrent inserts (innodb_autoinc_lock_mode = 2) or only some rows carry
  // their key: one statement per row is the only way to know each row's id.
  const keys: PrimaryKeyValue[] = []
  for (const [i, row] of rows.entries()) {
    const one = core.executor.insertInto(core.table).values(row) as InsertQueryBuilder<any, any, any>
    const result = await core.run(ctx, one, (q) => q.executeTakeFirstOrThrow())
    const key = givenKeys[i] ?? insertedKey(result.insertId)
    if (key === undefined) throw missingKey(core)
    keys.push(key)
  }
  return readBack(core, keys)
}

async function readBack(core: RepositoryCore, keys: PrimaryKeyValue[]): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = []
  for (let i = 0; i < keys.length; i += core.adapter.maxBindParameters) {
    out.push(...(await selectByKeys(core, keys.slice(i, i + core.adapter.maxBindParameters), 'bulkCreate')))
  }
  if (out.length !== keys.length) throw missingKey(core)
  return out
}

function consecutiveKeys(insertId: bigint | undefined, count: number, increment: number): PrimaryKeyValue[] {
  if (insertId === undefined || insertId === 0n) return []
  return Array.from({ length: count }, (_, i) => insertedKey(insertId + BigInt(i * increment)) as PrimaryKeyValue)
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
