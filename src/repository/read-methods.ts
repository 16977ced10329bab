/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import { sql, type QueryResult, type SelectQueryBuilder } from 'kysely'
import { BadRequestError, paginate as corePaginate, paginateCursor as corePaginateCursor } from '../core/index.js'
import type { CursorPaginatedResult, PaginatedResult } from '../core/index.js'
import { opaqueLimit } from '../core/internal/opaque-limit.js'
import { describeValue } from '../core/options/assert-option.js'
import { checkOrderBy } from './order-by.js'
import type { RepositoryCore } from './repository-core.js'
import { selectByKeys, selectWhereKey } from './write-methods.js'
import { compileWhere } from './where/compile-where.js'
import { whereShape, type WhereShape } from './where/where-shape.js'
import type { QueryContext } from './plugin.js'

type AnySelect = SelectQueryBuilder<any, any, any>

/** `select * … where <filter>`, checked against the columns. */
async function filtered(core: RepositoryCore, where: unknown): Promise<AnySelect> {
  return filteredWith(core, core.knownColumns ?? (await core.columns()), where)
}

function filteredWith(core: RepositoryCore, columns: ReadonlySet<string>, where: unknown): AnySelect {
  const qb = core.selectAll()
  if (where === undefined) return qb
  return qb.where((eb) => compileWhere(eb, where, columns, core.table))
}

/**
 * The shape and bound values of a read with this filter, when the repository keeps compiled statements
 * (see `RepositoryCore.execute`); checking the filter here also refuses a bad one before any SQL.
 */
function filterShape(core: RepositoryCore, columns: ReadonlySet<string>, where: unknown): WhereShape | undefined {
  if (core.prepared === undefined) return undefined
  return where === undefined ? { shape: '', parameters: [] } : whereShape(where, columns, core.table)
}

/** Runs a filtered read as a statement kept per `kind` and filter shape, binding the filter's values, then `tail` (limit, offset). */
function readFiltered<T>(
  core: RepositoryCore,
  kind: string,
  filter: WhereShape | undefined,
  tail: readonly unknown[],
  build: () => AnySelect,
  ctx: () => QueryContext,
  take: (result: QueryResult<Record<string, unknown>>) => T,
): Promise<T> {
  const shape = filter && `${kind}\0${filter.shape}`
  return core.execute(shape, filter === undefined ? [] : [...filter.parameters, ...tail], build, ctx, take)
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
  const columns = core.knownColumns ?? (await core.columns())
  const filter = filterShape(core, columns, where)
  const checked = checkOrderBy(orderBy, columns, core.table)
  // Without an ordering, rows come by primary key: stable results (a heap's order changes after updates).
  const order = checked.length > 0 ? checked : [{ column: core.pk, direction: 'asc' as const }]
  // MySQL and SQLite need a LIMIT before OFFSET; "all remaining rows" is the largest value they accept.
  const rowLimit = limit !== undefined ? checkCount(limit, 'limit', 1) : offset !== undefined ? Number.MAX_SAFE_INTEGER : undefined
  const rowOffset = offset !== undefined ? checkCount(offset, 'offset', 0) : undefined
  const build = (): AnySelect => {
    let qb = filteredWith(core, columns, where)
    for (const o of order) qb = qb.orderBy(o.column, o.direction)
    if (rowLimit !== undefined) qb = qb.limit(opaqueLimit(core.adapter, rowLimit))
    if (rowOffset !== undefined) qb = qb.offset(rowOffset)
    return qb
  }
  // The ordering and whether there is a limit or offset belong to the shape; their values are bound.
  const kind =
    filter && `find ${order.map((o) => `${JSON.stringify(o.column)} ${o.direction}`).join(',')} ${rowLimit === undefined ? '' : 'limit'} ${rowOffset === undefined ? '' : 'offset'}`
  const tail = filter === undefined ? [] : [...(rowLimit === undefined ? [] : [rowLimit]), ...(rowOffset === undefined ? [] : [rowOffset])]
  const rows = await readFiltered(core, kind ?? 'find', filter, tail, build, () => core.context('select', method, metadata), (r) => r.rows)
  return core.toEntities(rows)
}

const ONE = sql.lit(1)

export async function findOne(core: RepositoryCore, where: unknown): Promise<unknown> {
  const columns = core.knownColumns ?? (await core.columns())
  // `limit 1` as text: a constant needs no parameter (and SQLite re-plans a bound LIMIT per call).
  const build = (): AnySelect => filteredWith(core, columns, where).orderBy(core.pk).limit(ONE)
  const take = (r: QueryResult<Record<string, unknown>>) => r.rows[0]
  const row = await readFiltered(core, 'findOne', filterShape(core, columns, where), [], build, () => core.context('select', 'findOne'), take)
  return row === undefined ? null : ((await core.toEntities([row]))[0] ?? null)
}

export async function count(core: RepositoryCore, where: unknown, method = 'count'): Promise<number> {
  const columns = core.knownColumns ?? (await core.columns())
  const build = (): AnySelect =>
    filteredWith(core, columns, where)
      .clearSelect()
      .select((eb) => eb.fn.countAll().as('count'))
  // What afterQuery sees, as before: the one row a count returns.
  const take = (r: QueryResult<Record<string, unknown>>) => r.rows[0]
  const row = await readFiltered(core, 'count', filterShape(core, columns, where), [], build, () => core.context('select', method), take)
  return Number((row as { count: unknown } | undefined)?.count)
}

export async function exists(core: RepositoryCore, where: unknown): Promise<boolean> {
  const columns = core.knownColumns ?? (await core.columns())
  const build = (): AnySelect => filteredWith(core, columns, where).clearSelect().select(core.pk).limit(ONE)
  const take = (r: QueryResult<Record<string, unknown>>) => r.rows[0]
  const row = await readFiltered(core, 'exists', filterShape(core, columns, where), [], build, () => core.context('select', 'exists'), take)
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
