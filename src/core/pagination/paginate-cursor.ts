import { SelectAllNode, sql, type SelectionNode, type SelectQueryBuilder, type SelectQueryNode } from 'kysely'
import type { KyseraDialectAdapter } from '../dialect/dialect-adapter.js'
import type { Executor } from '../dialect/dialect.js'
import type { ColumnInfo } from '../dialect/table-columns-cache.js'
import { getAdapter } from '../dialect/get-adapter.js'
import { BadRequestError } from '../errors/bad-request-error.js'
import { opaqueLimit } from '../internal/opaque-limit.js'
import { createCursorSigner, decodeCursor, encodeCursor, type CursorPosition } from './cursor-codec.js'
import type { CursorValue } from './cursor-value.js'
import { resolveLimit } from './limits.js'
import { orderByKeys } from './order-by-keys.js'
import { queryTables, type QueryTable } from './query-tables.js'
import type { CursorPaginatedResult, CursorPagination, PaginateCursorOptions } from './pagination-types.js'
import { resolveSortKeys, type ColumnsOf } from './resolve-sort-keys.js'
import { seekPredicate } from './seek-predicate.js'
import { orderFingerprint, parseOrderBy, reverseKeys, type ResolvedSortKey, type SortKey } from './sort-key.js'

/** Prefix of the extra selections that carry cursor values; removed from the rows returned. */
const HIDDEN = '__kysera_cursor_'

/**
 * Keyset (cursor) pagination, correct by construction:
 *
 * - any number of sort keys in any mix of directions; the seek predicate is one the database answers
 *   from an index on the sort columns, so page 50,000 costs what page 1 costs;
 * - NULLs go last for `asc` and first for `desc` on every dialect (`nulls` overrides), and the seek
 *   predicate agrees with that order;
 * - cursor values the driver would alter are read back as the database's own text on PostgreSQL and
 *   MySQL, so microsecond timestamps, bigint and numeric values never lose precision through a JS
 *   `Date` or `number`;
 * - cursors are opaque base64url, versioned and bound to the `orderBy` they came from; with `secret`
 *   they are HMAC-signed. A malformed, foreign or tampered cursor is a `BadRequestError`
 *   (`code: 'INVALID_CURSOR'`) before any SQL runs. Column names come only from `orderBy`.
 *
 * Walking `nextCursor` from the first page, or `prevCursor` (as `before`) from any page, returns
 * every row exactly once when the last key is unique. The query's own ORDER BY / LIMIT / OFFSET are
 * replaced. Sort columns must be usable in WHERE (table columns, not select aliases).
 *
 * @example
 * ```ts
 * const page = await paginateCursor(db.selectFrom('posts').selectAll(), {
 *   db,
 *   orderBy: [{ column: 'created_at', direction: 'desc' }, { column: 'id', direction: 'desc' }],
 *   cursor: req.query.cursor,
 *   limit: 20,
 * })
 * // page.pagination: { limit: 20, hasNext: true, hasPrev: true, nextCursor: '…', prevCursor: '…' }
 * ```
 */
export async function paginateCursor<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: PaginateCursorOptions,
): Promise<CursorPaginatedResult<O>> {
  if (typeof options !== 'object' || options === null) fail('options must be an object')
  const limit = resolveLimit(options.limit, options.maxLimit)
  const specs = parseOrderBy(options.orderBy)
  const { cursor, before, secret } = options
  if (cursor !== undefined && before !== undefined) fail('pass either cursor or before, not both')
  if (secret !== undefined && (typeof secret !== 'string' || secret === '')) fail('secret must be a non-empty string')
  const executor = options.db as Executor | undefined
  if (typeof executor?.getExecutor !== 'function') fail('db must be the Kysely instance or transaction the query was built from')

  const order = orderFingerprint(specs)
  const signer = secret === undefined ? undefined : createCursorSigner(secret)
  const given = cursor ?? before
  const position =
    given === undefined ? undefined : decodeCursor(signer === undefined ? given : await signer.verify(given), order, specs.length)
  const backward = before !== undefined

  const adapter = getAdapter(executor)
  const node = query.toOperationNode()
  const tables = queryTables(node)
  const wholeTable = selectsWholeTable(node)
  await readCatalogue(adapter, executor, catalogueNeeded(specs, tables, wholeTable))
  const columnsOf: ColumnsOf = (t) => adapter.knownColumns(t.table, t.schema)
  const keys = resolveSortKeys(specs, tables, columnsOf)
  const scanKeys = backward ? reverseKeys(keys) : keys

  // Rows of `select *` from one table already hold a sort value when the driver returns its type
  // exactly; any other sort value is selected once more, as the database's own text.
  const [table] = tables
  const inRow = wholeTable && table !== undefined ? valuesInRow(adapter, columnsOf(table), keys) : keys.map(() => false)
  let q = query as SelectQueryBuilder<DB, TB, Record<string, unknown>>
  // Only what is there is cleared: each builder call copies the query.
  if (node.orderBy !== undefined) q = q.clearOrderBy()
  if (node.limit !== undefined) q = q.clearLimit()
  if (node.offset !== undefined) q = q.clearOffset()
  if (position !== undefined) q = q.where(seekPredicate(adapter, scanKeys, position.values, position.inclusive))
  q = orderByKeys(q, scanKeys, adapter)
  const hidden = keys.flatMap((k, i) => (inRow[i] === true ? [] : [hiddenSelection(adapter, k, i)]))
  if (hidden.length > 0) q = q.select(hidden)
  q = q.limit(opaqueLimit(adapter, limit + 1))

  const rows = await q.execute()
  const more = rows.length > limit
  const page = more ? rows.slice(0, limit) : rows
  if (backward) page.reverse()
  const names = keys.map((k, i) => (inRow[i] === true ? columnName(k) : `${HIDDEN}${i}`))
  // Only the first and last rows bound the neighbouring pages.
  const positionOf = (row: Record<string, unknown> | undefined): CursorValue[] | undefined => row && names.map((name) => row[name] as CursorValue)
  const data = (hidden.length === 0 ? page : page.map(stripHidden)) as O[]

  // An empty page after (or before) a position: the neighbouring page is bounded by that position itself.
  const edge = (values: CursorValue[] | undefined): CursorPosition | undefined =>
    page.length === 0 && position !== undefined
      ? { values: position.values, inclusive: !position.inclusive }
      : values === undefined
        ? undefined
        : { values, inclusive: false }

  const pagination: CursorPagination = { limit, hasNext: backward || more, hasPrev: backward ? more : position !== undefined }
  const next = pagination.hasNext ? edge(positionOf(page.at(-1))) : undefined
  const prev = pagination.hasPrev ? edge(positionOf(page[0])) : undefined
  if (next !== undefined) pagination.nextCursor = encodeCursor(next, order)
  if (prev !== undefined) pagination.prevCursor = encodeCursor(prev, order)
  if (signer !== undefined) {
    if (pagination.nextCursor !== undefined) pagination.nextCursor = await signer.sign(pagination.nextCursor)
    if (pagination.prevCursor !== undefined) pagination.prevCursor = await signer.sign(pagination.prevCursor)
  }
  return { data, pagination }
}

/** The sort value, as the database's exact text where the driver would lose precision. */
function hiddenSelection(adapter: KyseraDialectAdapter, key: ResolvedSortKey, i: number) {
  const ref = sql.ref(key.column)
  const value = adapter.cursorTextType === undefined ? ref : sql`cast(${ref} as ${sql.raw(adapter.cursorTextType)})`
  return value.as(`${HIDDEN}${i}`)
}

/** `select * from t`: no joins, one FROM table, nothing else selected. */
function selectsWholeTable(node: SelectQueryNode): boolean {
  const selections = node.selections ?? []
  return (
    (node.joins ?? []).length === 0 &&
    node.from?.froms.length === 1 &&
    selections.length === 1 &&
    SelectAllNode.is((selections[0] as SelectionNode).selection)
  )
}

/** The tables whose columns the keys need: every table for nullability, else the one `select *` table. */
function catalogueNeeded(specs: readonly SortKey[], tables: readonly QueryTable[], wholeTable: boolean): readonly QueryTable[] {
  if (specs.some((k) => k.nullable === undefined)) return tables
  return wholeTable ? tables.slice(0, 1) : []
}

/**
 * Reads the catalogue of tables not read before (once per table and adapter); later pages find every
 * table known and go on without waiting. A failed read leaves the table unknown: its keys count as
 * nullable and their values are selected as text, which is always correct.
 */
async function readCatalogue(adapter: KyseraDialectAdapter, executor: Executor, tables: readonly QueryTable[]): Promise<void> {
  const unread = tables.filter((t) => adapter.knownColumns(t.table, t.schema) === undefined)
  if (unread.length > 0) await Promise.all(unread.map((t) => adapter.tableColumns(executor, t.table, t.schema).catch(() => undefined)))
}

/**
 * For each key of a `select *` query, whether every row holds its exact value under the key's own
 * name: the key names a column of the table exactly as the catalogue spells it (SQLite also accepts
 * `ID` for `id`, but the row's property is `id`), and the driver returns that column's type exactly.
 */
function valuesInRow(adapter: KyseraDialectAdapter, columns: ReadonlyMap<string, ColumnInfo> | undefined, keys: readonly ResolvedSortKey[]): boolean[] {
  return keys.map((k) => {
    const type = columns?.get(columnName(k))?.type
    return type !== undefined && adapter.exactInDriver(type)
  })
}

function columnName(key: ResolvedSortKey): string {
  return key.column.slice(key.column.indexOf('.') + 1)
}

function stripHidden(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key in row) if (!key.startsWith(HIDDEN)) out[key] = row[key]
  return out
}

function fail(message: string): never {
  throw new BadRequestError(`[kysera:pagination] Invalid options: ${message}`, { code: 'INVALID_PAGINATION' })
}
