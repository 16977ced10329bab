import type { SelectQueryBuilder } from 'kysely'
import type { Executor } from '../dialect/dialect.js'
import { paginateCursor } from './paginate-cursor.js'
import type { CursorPaginatedResult } from './pagination-types.js'

/** Options of {@link paginateCursorSimple}. */
export interface PaginateCursorSimpleOptions {
  /** The Kysely instance or transaction the query was built from. */
  db: Executor
  /** A `nextCursor` from the previous page. */
  cursor?: string
  /** Rows per page. Default 20. */
  limit?: number
  /** Signs cursors with HMAC-SHA-256 when set. */
  secret?: string
}

/**
 * {@link paginateCursor} ordered by `id asc`: the common case of walking a table by primary key.
 *
 * @example
 * ```ts
 * const { data, pagination } = await paginateCursorSimple(db.selectFrom('users').selectAll(), { db, cursor, limit: 50 })
 * ```
 */
export function paginateCursorSimple<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: PaginateCursorSimpleOptions,
): Promise<CursorPaginatedResult<O>> {
  return paginateCursor(query, { ...options, orderBy: [{ column: 'id', direction: 'asc' }] })
}
