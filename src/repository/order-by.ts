import { BadRequestError } from '../core/index.js'
import { describeValue } from '../core/options/assert-option.js'

/** One checked sort key. */
export interface CheckedOrder {
  column: string
  direction: 'asc' | 'desc'
}

/** Checks sort keys against the table's columns (`BadRequestError` before any SQL). */
export function checkOrderBy(orderBy: unknown, columns: ReadonlySet<string>, table: string): CheckedOrder[] {
  if (orderBy === undefined) return []
  const list: unknown[] = Array.isArray(orderBy) ? orderBy : [orderBy]
  return list.map((item, i) => {
    const entry = item as { column?: unknown; direction?: unknown } | null
    if (typeof entry !== 'object' || entry === null || typeof entry.column !== 'string') {
      throw new BadRequestError(`[kysera:repository] Invalid orderBy.${i}: expected { column, direction? }, got ${describeValue(item)}`, {
        code: 'INVALID_ORDER_BY',
      })
    }
    if (!columns.has(entry.column)) {
      throw new BadRequestError(`[kysera:repository] Unknown column ${describeValue(entry.column)} in orderBy of table "${table}"`, {
        code: 'UNKNOWN_COLUMN',
      })
    }
    const direction = entry.direction ?? 'asc'
    if (direction !== 'asc' && direction !== 'desc') {
      throw new BadRequestError(`[kysera:repository] Invalid orderBy.${i}.direction: expected 'asc' or 'desc', got ${describeValue(direction)}`, {
        code: 'INVALID_ORDER_BY',
      })
    }
    return { column: entry.column, direction }
  })
}
