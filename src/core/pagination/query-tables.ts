import type { OperationNode, SelectQueryNode } from 'kysely'

/** A base table the query reads, as named in FROM or JOIN. */
export interface QueryTable {
  table: string
  schema: string | undefined
  alias: string | undefined
  /** Its columns can be NULL whatever the schema says (the optional side of an outer join). */
  outer: boolean
}

interface NodeLike {
  kind: string
  [key: string]: unknown
}

/**
 * The tables a SELECT reads in FROM and its joins. Subqueries and other expressions are left out; a
 * CTE name looks like a table and simply finds nothing in the catalogue.
 */
export function queryTables(node: SelectQueryNode): QueryTable[] {
  const tables: QueryTable[] = []
  for (const from of node.from?.froms ?? []) push(tables, from, false)
  for (const join of node.joins ?? []) {
    const type = join.joinType
    if (type === 'RightJoin' || type === 'FullJoin') for (const t of tables) t.outer = true
    push(tables, join.table, type === 'LeftJoin' || type === 'LateralLeftJoin' || type === 'FullJoin' || type === 'OuterApply')
  }
  return tables
}

function push(tables: QueryTable[], node: OperationNode, outer: boolean): void {
  const n = node as unknown as NodeLike
  let alias: string | undefined
  let target = n
  if (n.kind === 'AliasNode') {
    alias = identifier(n.alias)
    target = n.node as NodeLike
  }
  if (target.kind !== 'TableNode') return
  const schemable = target.table as NodeLike
  const table = identifier(schemable.identifier)
  if (table === undefined) return
  tables.push({ table, schema: identifier(schemable.schema), alias, outer })
}

function identifier(node: unknown): string | undefined {
  const n = node as NodeLike | undefined
  return n?.kind === 'IdentifierNode' && typeof n.name === 'string' ? n.name : undefined
}
