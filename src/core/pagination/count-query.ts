import {
  AliasNode,
  IdentifierNode,
  SelectionNode,
  SelectQueryNode,
  sql,
  type KyselyPlugin,
  type RootOperationNode,
  type SelectQueryBuilder,
} from 'kysely'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query shape
type AnySelect = SelectQueryBuilder<any, any, any>

/**
 * Counts the rows `query` returns, on the query's own executor (so inside a transaction too).
 * ORDER BY / LIMIT / OFFSET are dropped. A query with GROUP BY, DISTINCT, HAVING or a set operation
 * is counted as a derived table, so `total` counts groups, not underlying rows; any other query just
 * swaps its selection for `count(*)`.
 */
export async function countQueryRows(query: AnySelect): Promise<number> {
  const base = query.clearOrderBy().clearLimit().clearOffset()
  const counted = isGrouped(base.toOperationNode())
    ? // Kysely keeps a builder's executor private; a last plugin is how the wrapped query runs on it,
      // after any plugin the user added (soft delete, say) has shaped the inner query.
      base.withPlugin(wrapInCount)
    : base.clearSelect().select(sql<number>`count(*)`.as(TOTAL))
  const row = (await counted.executeTakeFirst()) as Record<string, unknown> | undefined
  return Number(row?.[TOTAL] ?? 0)
}

const TOTAL = 'kysera_total'

const wrapInCount: KyselyPlugin = {
  transformQuery: ({ node }): RootOperationNode => {
    const outer = SelectQueryNode.createFrom([AliasNode.create(node, IdentifierNode.create('kysera_count'))])
    return SelectQueryNode.cloneWithSelections(outer, [
      SelectionNode.create(AliasNode.create(sql`count(*)`.toOperationNode(), IdentifierNode.create(TOTAL))),
    ])
  },
  transformResult: async ({ result }) => result,
}

function isGrouped(node: SelectQueryNode): boolean {
  return (
    node.groupBy !== undefined ||
    node.having !== undefined ||
    node.distinctOn !== undefined ||
    node.setOperations !== undefined ||
    (node.frontModifiers ?? []).some((m) => m.modifier === 'Distinct')
  )
}
