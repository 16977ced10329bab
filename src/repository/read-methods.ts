/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import type { SelectQueryBuilder } from 'kysely'
import { BadRequestError, paginate as corePaginate, paginateCursor as corePaginateCursor } from '../core/index.js'
import type { CursorPaginatedResult, PaginatedResult } from '../core/index.js'
import { describeValue } from '../core/options/assert-option.js'
import { checkOrderBy } from './order-by.js'
import type { RepositoryCore } from './repository-core.js'
import { selectByKeys, selectWhereKey } from './write-methods.js'
import { compileWhere } from './where/compile-where.js'

type AnySelect = SelectQueryBuilder<any, any, any>

/** `select * … where <filter>`, checked against the columns. */
async function filtered(core: RepositoryCore, where: unknown): Promise<AnySelect> {
  const columns = core.knownColumns ?? (await core.columns())
  const qb = core.selectAll()
  if (where === undefined) return qb
  return qb.where((eb) => compileWhere(eb, where, columns, core.table))
}

export async function findById(core: RepositoryCore, id: unknown, method = 'findById', metadata: Record<string, unknown> = {}): Promise<unknown> {
  const key = core.checkId(id)
  const row = await selectWhereKey(core, key, method, metadata, (result) => result.rows[0])
  if (row === undefined) return null
  return core.rowsAreEntities ? row : ((await core.toEntities([row]))[0] ?? null)
}

export async function findByIds(core: RepositoryCore, ids: unknown): Promise<unknown[]> {
  if (!Array.isArray(ids)) throw new BadRequestError(`[kysera:repository] Invalid ids: expected an array, got ${describeValue(ids)}`, { code: 'INVALID_ID' })
  const keys = ids.map((id, i) => core.checkId(id, 'ids.#', i))
  return core.toEntities(await selectByKeys(core, keys, 'findByIds'))
}

export async function find(core: RepositoryCore, options: unknown = {}, method = 'find', metadata: Record<string, unknown> = {}): Promise<unknown[]> {
  if (typeof options !== 'object' || options === null) {
    throw new BadRequestError(`[kysera:repository] Invalid options: expected an object, got ${describeValue(options)}`, { code: 'INVALID_INPUT' })
  }
  const { where, orderBy, limit, offset } = options as { where?: unknown; orderBy?: unknown; limit?: unknown; offset?: unknown }
  let qb = await filtered(core, where)
  const order = checkOrderBy(orderBy, await core.columns(), core.table)
  // Without an ordering, rows come by primary key: stable results (a heap's order changes after updates).
  for (const o of order.length > 0 ? order : [{ column: core.pk, direction: 'asc' as const }]) qb = qb.orderBy(o.column, o.direction)
  if (limit !== undefined) qb = qb.limit(checkCount(limit, 'limit', 1))
  if (offset !== undefined) {
    // MySQL and SQLite need a LIMIT before OFFSET; "all remaining rows" is the largest value they accept.
    if (limit === undefined) qb = qb.limit(Number.MAX_SAFE_INTEGER)
    qb = qb.offset(checkCount(offset, 'offset', 0))
  }
  const rows = await core.run(core.context('select', method, metadata), qb, (q) => q.execute())
  return core.toEntities(rows)
}

export async function findOne(core: RepositoryCore, where: unknown): Promise<unknown> {
  const qb = (await filtered(core, where)).orderBy(core.pk).limit(1)
  const row = await core.run(core.context('select', 'findOne'), qb, (q) => q.executeTakeFirst())
  return row === undefined ? null : ((await core.toEntities([row]))[0] ?? null)
}

export async function count(core: RepositoryCore, where: unknown, method = 'count'): Promise<number> {
  const qb = (await filtered(core, where)).clearSelect().select((eb) => eb.fn.countAll().as('count'))
  const row = await core.run(core.context('select', method), qb, (q) => q.executeTakeFirstOrThrow())
  return Number((row as { count: unknown }).count)
}

export async function exists(core: RepositoryCore, where: unknown): Promise<boolean> {
  const qb = (await filtered(core, where)).clearSelect().select(core.pk).limit(1)
  const row = await core.run(core.context('select', 'exists'), qb, (q) => q.executeTakeFirst())
  return row !== undefined
}

export async function paginate(core: RepositoryCore, options: unknown = {}): Promise<PaginatedResult<unknown>> {
  const { where, orderBy, page, limit } = (options ?? {}) as { where?: unknown; orderBy?: unknown; page?: number; limit?: number }
  let qb = await filtered(core, where)
  const order = checkOrderBy(orderBy, await core.columns(), core.table)
  // A stable order makes pages deterministic: the primary key breaks ties.
  if (!order.some((o) => o.column === core.pk)) order.push({ column: core.pk, direction: order.at(-1)?.direction ?? 'asc' })
  for (const o of order) qb = qb.orderBy(o.column, o.direction)
  const pageOptions = { ...(page === undefined ? {} : { page }), ...(limit === undefined ? {} : { limit }) }
  const result = await core.run(core.context('select', 'paginate'), qb, (q) => corePaginate(q, pageOptions))
  return { ...result, data: await core.toEntities(result.data as Record<string, unknown>[]) }
}

export async function paginateCursor(core: RepositoryCore, options: unknown): Promise<CursorPaginatedResult<unknown>> {
  if (typeof options !== 'object' || options === null) {
    throw new BadRequestError(`[kysera:repository] Invalid options: expected an object, got ${describeValue(options)}`, { code: 'INVALID_INPUT' })
  }
  const { where, orderBy, ...rest } = options as { where?: unknown; orderBy?: unknown; [key: string]: unknown }
  const columns = await core.columns()
  const checked = checkOrderBy(orderBy, columns, core.table)
  const keys = (Array.isArray(orderBy) ? orderBy : []).map((o: { nulls?: 'first' | 'last' }, i) => ({ ...checked[i], ...(o.nulls === undefined ? {} : { nulls: o.nulls }) }))
  if (checked.at(-1)?.column !== core.pk) keys.push({ column: core.pk, direction: checked.at(-1)?.direction ?? 'asc' })
  const qb = await filtered(core, where)
  const result = await core.run(core.context('select', 'paginateCursor'), qb, (q) =>
    corePaginateCursor(q, { ...(rest as object), db: core.executor, orderBy: keys as never }),
  )
  return { ...result, data: await core.toEntities(result.data as Record<string, unknown>[]) }
}

function checkCount(value: unknown, option: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new BadRequestError(`[kysera:repository] Invalid ${option}: expected an integer ≥ ${min}, got ${describeValue(value)}`, {
      code: 'INVALID_PAGINATION',
    })
  }
  return value
}
