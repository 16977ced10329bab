import type { SelectQueryBuilder } from 'kysely'
import { countQueryRows } from './count-query.js'
import { assertIntegerOption, resolveLimit } from './limits.js'
import type { PaginatedResult, PaginateOptions } from './pagination-types.js'

/**
 * Offset pagination: one page of `query` and the total row count (right for GROUP BY, DISTINCT and
 * joins; the count drops ORDER BY). Cost grows with the page number — prefer {@link paginateCursor}
 * for deep pages. Non-integer or out-of-range `page` / `limit` → `BadRequestError`
 * (`INVALID_PAGINATION`) before any SQL runs; `limit` is capped at `maxLimit` (default 1000).
 *
 * @example
 * ```ts
 * const { data, pagination } = await paginate(db.selectFrom('posts').selectAll().orderBy('id'), { page: 2, limit: 20 })
 * // pagination: { page: 2, limit: 20, total: 41, totalPages: 3, hasNext: true, hasPrev: true }
 * ```
 */
export async function paginate<DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
  options: PaginateOptions = {},
): Promise<PaginatedResult<O>> {
  const limit = resolveLimit(options.limit, options.maxLimit)
  const page = options.page ?? 1
  assertIntegerOption(page, 'page', 1, Math.floor(Number.MAX_SAFE_INTEGER / limit))
  const [data, total] = await Promise.all([
    query.limit(limit).offset((page - 1) * limit).execute(),
    countQueryRows(query),
  ])
  const totalPages = Math.ceil(total / limit)
  return {
    data,
    pagination: { page, limit, total, totalPages, hasNext: page < totalPages, hasPrev: page > 1 },
  }
}
