/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import { InsertResult, UpdateResult, type InsertQueryBuilder, type QueryResult } from 'kysely'
import { BadRequestError, NotFoundError } from '../core/index.js'
import { describeValue } from '../core/options/assert-option.js'
import { createInput, updateInput } from './input.js'
import { inKeyOrder } from './key-order.js'
import type { AnyQueryBuilder, QueryContext } from './plugin.js'
import type { RepositoryCore } from './repository-core.js'
import type { PrimaryKeyValue } from './repository-types.js'
import { emitWrite, hardDeleteRows, prepareRows, previousRows, softDeleteColumn, softDeleteRows, writeScope } from './write-pipeline.js'
import { append } from './append.js'
import { keySets } from './key-sets.js'

/** Reads rows back by primary key (MySQL has no RETURNING), in the order of `keys`. */
export async function selectByKeys(
  core: RepositoryCore,
  keys: readonly PrimaryKeyValue[],
  method: string,
  metadata: Record<string, unknown> = {},
): Promise<Record<string, unknown>[]> {
  if (keys.length === 0) return []
  if (keys.length === 1) return selectWhereKey(core, keys[0] as PrimaryKeyValue, method, metadata, (result) => result.rows)
  const rows: Record<string, unknown>[] = []
  for (const set of await keySets(core, keys)) {
    const build = (): AnyQueryBuilder => core.selectAll().where(core.pk, set.operator, set.values as never)
    const ctx = (): QueryContext => core.context('select', method, { ids: set.keys, ...metadata })
    append(rows, await core.execute(set.form && `selectByKeys\0${set.form.name}`, set.form?.parameters ?? [], build, ctx, (result) => result.rows))
  }
  return inKeyOrder(rows, core.pk, keys).filter((r): r is Record<string, unknown> => r !== undefined)
}

/**
 * `select * from table where pk = ?`, one statement compiled once (see `RepositoryCore.execute`); `take`
 * shapes the result for the caller and the plugins' `afterQuery` (the rows, or the first row).
 */
export function selectWhereKey<T>(
  core: RepositoryCore,
  key: PrimaryKeyValue,
  method: string,
  metadata: Record<string, unknown>,
  take: (result: QueryResult<Record<string, unknown>>) => T,
): Promise<T> {
  const build = (): AnyQueryBuilder => core.selectAll().where(core.pk, '=', key)
  const ctx = (): QueryContext => core.context('select', method, { ids: [key], ...metadata })
  return core.execute('selectByKey', [key], build, ctx, take)
}

/** The insert id MySQL reports, as a number when it fits. */
export function insertedKey(insertId: bigint | undefined): PrimaryKeyValue | undefined {
  if (insertId === undefined) return undefined
  return insertId <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(insertId) : insertId
}

export async function create(core: RepositoryCore, input: unknown, metadata: Record<string, unknown> = {}): Promise<unknown> {
  // Without a schema and with the columns already read, the input is checked without an await.
  const columns = core.settings.schemas.create === undefined ? core.knownColumns : undefined
  return insertOne(core, columns === undefined ? await createInput(core, input) : core.checkRowWith(columns, input, 'input'), 'create', metadata)
}

/**
 * Inserts one row already validated (or, for `restoreFromAudit`, taken from the audit log) and checked.
 * The plugin hooks are called only when a plugin has them: this is the per-call path of `create`.
 */
export function insertOne(core: RepositoryCore, validated: Record<string, unknown>, method: string, metadata: Record<string, unknown>): Promise<unknown> {
  return writeScope(core, false, async (tx) => {
    const { plugins } = tx.settings
    const data = plugins.preparesWrites ? ((await prepareRows(tx, [validated], 'insert', method, metadata))[0] as Record<string, unknown>) : validated
    const ctx = (): QueryContext => tx.context('insert', method, metadata)
    const returning = tx.adapter.supportsReturning
    const build = (): AnyQueryBuilder => {
      const qb = tx.executor.insertInto(tx.table).values(data) as InsertQueryBuilder<any, any, any>
      return returning ? qb.returningAll() : qb
    }
    // What the plugins' afterQuery sees: the row, or (MySQL) the insert's result, as Kysely's executeTakeFirst gives them.
    const take = (r: QueryResult<Record<string, unknown>>) => (returning ? r.rows[0] : new InsertResult(r.insertId, r.numAffectedRows ?? 0n))
    const [shape, values] = boundValues('insert', data)
    const result = await tx.execute(shape, values, build, ctx, take)
    let row: Record<string, unknown> | undefined
    if (!(result instanceof InsertResult)) {
      row = result
    } else {
      const key = (data[tx.pk] as PrimaryKeyValue | undefined) ?? insertedKey(result.insertId)
      if (key === undefined) throw new BadRequestError(`[kysera:repository] Cannot read back the row inserted into "${tx.table}": no primary key value`)
      ;[row] = await selectByKeys(tx, [key], method, { includeDeleted: true })
    }
    if (row === undefined) throw new NotFoundError(`[kysera:repository] The row inserted into "${tx.table}" could not be read back`)
    if (plugins.observesWrites) await emitWrite(tx, 'INSERT', method, [{ id: row[tx.pk] as PrimaryKeyValue, after: row }])
    return tx.rowsAreEntities ? row : (await tx.toEntities([row]))[0]
  })
}

export async function update(core: RepositoryCore, id: unknown, input: unknown, metadata: Record<string, unknown> = {}): Promise<unknown> {
  const key = core.checkId(id)
  const columns = core.settings.schemas.update === undefined ? core.knownColumns : undefined
  return updateOne(core, key, columns === undefined ? await updateInput(core, input) : core.checkRowWith(columns, input, 'input'), 'update', metadata)
}

/** Updates one row with data already validated and checked (see {@link insertOne}). */
export async function updateOne(
  core: RepositoryCore,
  key: PrimaryKeyValue,
  validated: Record<string, unknown>,
  method: string,
  metadata: Record<string, unknown>,
): Promise<unknown> {
  return writeScope(core, false, async (tx) => {
    const { plugins } = tx.settings
    const before = plugins.mayNeedPreviousRows ? await previousRows(tx, [key], method) : undefined
    const data = plugins.preparesWrites ? ((await prepareRows(tx, [validated], 'update', method, metadata))[0] as Record<string, unknown>) : validated
    let row: Record<string, unknown> | undefined
    if (Object.keys(data).length === 0) {
      // Nothing to change: still answer like an update would (the row, or NotFoundError).
      ;[row] = await selectByKeys(tx, [key], method)
    } else {
      const ctx = (): QueryContext => tx.context('update', method, { ids: [key], ...metadata })
      const returning = tx.adapter.supportsReturning
      const build = (): AnyQueryBuilder => {
        const qb = tx.executor.updateTable(tx.table).set(data).where(tx.pk, '=', key)
        return returning ? qb.returningAll() : qb
      }
      const take = (r: QueryResult<Record<string, unknown>>) => (returning ? r.rows[0] : new UpdateResult(r.numAffectedRows ?? 0n, r.numChangedRows))
      const [shape, values] = boundValues('update', data)
      values.push(key)
      const result = await tx.execute(shape, values, build, ctx, take)
      if (!(result instanceof UpdateResult)) {
        row = result
      } else {
        // MySQL reports changed rows, not matched ones, so whether the row exists is read back instead.
        ;[row] = await selectByKeys(tx, [(data[tx.pk] as PrimaryKeyValue | undefined) ?? key], method)
      }
    }
    if (row === undefined) throw notFound(tx, [key])
    if (plugins.observesWrites && Object.keys(data).length > 0) {
      const previous = before?.get(String(key))
      await emitWrite(tx, 'UPDATE', method, [{ id: key, ...(previous === undefined ? {} : { before: previous }), after: row }])
    }
    return tx.rowsAreEntities ? row : (await tx.toEntities([row]))[0]
  })
}

/** Deletes one row — a soft delete when a plugin soft-deletes the table. Whether a (live) row was deleted. */
export async function remove(core: RepositoryCore, id: unknown): Promise<boolean> {
  const key = core.checkId(id)
  if ((await softDeleteColumn(core)) !== undefined) return (await softDeleteRows(core, [key], 'delete', false)) > 0
  return (await hardDeleteRows(core, [key], 'delete', false)) > 0
}

export async function upsert(core: RepositoryCore, input: unknown, options: unknown): Promise<unknown> {
  const validated = await createInput(core, input)
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
    if (validated[c] === undefined) {
      throw new BadRequestError(`[kysera:repository] Invalid input: upsert needs a value for conflict column "${c}"`, { code: 'INVALID_INPUT' })
    }
  }
  const conflict = conflictColumns as string[]
  return writeScope(core, core.adapter.upsertForm === 'on-duplicate-key', async (tx) => {
    // The insert branch gets the plugins' insert columns (created_at), the update branch their update
    // columns (updated_at); a conflict never rewrites what only an insert should set.
    const [data] = (await prepareRows(tx, [validated], 'insert', 'upsert', {})) as [Record<string, unknown>]
    const userChanges = Object.fromEntries(Object.entries(validated).filter(([k]) => !conflict.includes(k) && k !== tx.pk))
    const [changes] = (await prepareRows(tx, [userChanges], 'update', 'upsert', {})) as [Record<string, unknown>]
    // With nothing else to change the row is still "updated" to itself, so the statement reports it.
    const first = conflict[0] as string
    // Which branch ran matters to plugins that record writes (INSERT or UPDATE, with the old row).
    let existing: Record<string, unknown> | undefined
    if (tx.settings.plugins.observesWrites) {
      let find = tx.selectAll()
      for (const c of conflict) find = find.where(c, '=', data[c])
      existing = await tx.run(tx.context('select', 'upsert', { includeDeleted: true, previous: true }), find, (q) => q.executeTakeFirst())
    }
    const ctx = tx.context('insert', 'upsert')
    const base = tx.executor.insertInto(tx.table).values(data) as InsertQueryBuilder<any, any, any>
    let row: Record<string, unknown> | undefined
    if (tx.adapter.upsertForm === 'on-conflict') {
      const qb = base
        .onConflict((oc) => oc.columns(conflict).doUpdateSet((eb) => (Object.keys(changes).length > 0 ? changes : { [first]: eb.ref(`excluded.${first}`) })))
        .returningAll()
      row = await tx.run(ctx, qb, (q) => q.executeTakeFirstOrThrow())
    } else {
      const qb = base.onDuplicateKeyUpdate(Object.keys(changes).length > 0 ? changes : { [first]: data[first] })
      await tx.run(ctx, qb, (q) => q.executeTakeFirst())
      // The row is found again by its conflict columns (a unique key), whichever branch ran.
      let select = tx.selectAll()
      for (const c of conflict) select = select.where(c, '=', data[c])
      row = await tx.run(tx.context('select', 'upsert'), select, (q) => q.executeTakeFirst())
    }
    if (row === undefined) throw new NotFoundError(`[kysera:repository] The row upserted into "${tx.table}" could not be read back`)
    const id = row[tx.pk] as PrimaryKeyValue
    await emitWrite(tx, existing === undefined ? 'INSERT' : 'UPDATE', 'upsert', [existing === undefined ? { id, after: row } : { id, before: existing, after: row }])
    return (await tx.toEntities([row]))[0]
  })
}

/**
 * The shape of a one-row write of `data` (see `PreparedQueries`) and the values it binds, in Kysely's
 * order: every column whose value is not `undefined` (Kysely leaves those out of INSERT and SET).
 */
function boundValues(statement: string, data: Record<string, unknown>): [string, unknown[]] {
  // A NUL cannot appear in a checked column name, so no two column lists give the same shape.
  let shape = statement
  const values: unknown[] = []
  for (const column of Object.keys(data)) {
    const value = data[column]
    if (value === undefined) continue
    shape += `\0${column}`
    values.push(value)
  }
  return [shape, values]
}

export function notFound(core: RepositoryCore, keys: readonly PrimaryKeyValue[]): NotFoundError {
  const list = keys.slice(0, 10).map(String).join(', ')
  return new NotFoundError(`[kysera:repository] No row of "${core.table}" with ${core.pk} ${keys.length === 1 ? list : `in (${list}${keys.length > 10 ? ', …' : ''})`}`)
}
