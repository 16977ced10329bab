import type { SelectQueryNode } from 'kysely'
import type { KyseraDialectAdapter } from '../dialect/dialect-adapter.js'
import type { Executor } from '../dialect/dialect.js'
import { queryTables } from './query-tables.js'
import type { ResolvedSortKey, SortKey } from './sort-key.js'

/**
 * Decides for each key whether its column can be NULL: the caller's `nullable` wins; otherwise the
 * catalogue of the one FROM / JOIN table that has the column (any column of an outer-joined table can
 * be NULL). Unknown or ambiguous columns count as nullable — always correct, only slower.
 */
export async function resolveSortKeys(
  adapter: KyseraDialectAdapter,
  executor: Executor,
  keys: readonly SortKey[],
  node: SelectQueryNode,
): Promise<ResolvedSortKey[]> {
  if (keys.every((k) => k.nullable !== undefined)) return keys as ResolvedSortKey[]
  const tables = queryTables(node)
  return Promise.all(
    keys.map(async (key): Promise<ResolvedSortKey> => {
      if (key.nullable !== undefined) return { ...key, nullable: key.nullable }
      const dot = key.column.indexOf('.')
      const qualifier = dot < 0 ? undefined : key.column.slice(0, dot)
      const column = dot < 0 ? key.column : key.column.slice(dot + 1)
      const candidates = tables.filter((t) => qualifier === undefined || (t.alias ?? t.table) === qualifier)
      const owners: { nullable: boolean; outer: boolean }[] = []
      for (const t of candidates) {
        const columns = await adapter.columnNullability(executor, t.table, t.schema).catch(() => new Map<string, boolean>())
        const nullable = columns.get(column)
        if (nullable !== undefined) owners.push({ nullable, outer: t.outer })
      }
      const owner = owners.length === 1 ? owners[0] : undefined
      return { ...key, nullable: owner === undefined ? true : owner.nullable || owner.outer }
    }),
  )
}
