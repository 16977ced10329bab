import type { ColumnInfo } from '../dialect/table-columns-cache.js'
import type { QueryTable } from './query-tables.js'
import type { ResolvedSortKey, SortKey } from './sort-key.js'

/** The catalogue's columns of a table the query reads; `undefined` when unknown. */
export type ColumnsOf = (table: QueryTable) => ReadonlyMap<string, ColumnInfo> | undefined

/**
 * Decides for each key whether its column can be NULL: the caller's `nullable` wins; otherwise the
 * catalogue of the one FROM / JOIN table that has the column (any column of an outer-joined table can
 * be NULL). Unknown or ambiguous columns count as nullable — always correct, only slower.
 */
export function resolveSortKeys(keys: readonly SortKey[], tables: readonly QueryTable[], columnsOf: ColumnsOf): ResolvedSortKey[] {
  return keys.map((key): ResolvedSortKey => {
    if (key.nullable !== undefined) return key as ResolvedSortKey
    const dot = key.column.indexOf('.')
    const qualifier = dot < 0 ? undefined : key.column.slice(0, dot)
    const column = dot < 0 ? key.column : key.column.slice(dot + 1)
    let owners = 0
    let nullable = true
    for (const t of tables) {
      if (qualifier !== undefined && (t.alias ?? t.table) !== qualifier) continue
      const info = columnsOf(t)?.get(column)
      if (info === undefined) continue
      owners++
      nullable = info.nullable || t.outer
    }
    return { ...key, nullable: owners === 1 ? nullable : true }
  })
}
