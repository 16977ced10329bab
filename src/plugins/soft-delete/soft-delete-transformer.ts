import {
  AliasNode,
  BinaryOperationNode,
  ColumnNode,
  FromNode,
  IdentifierNode,
  JoinNode,
  OperationNodeTransformer,
  OperatorNode,
  QueryNode,
  ReferenceNode,
  SelectionNode,
  SelectQueryNode,
  TableNode,
  ValueNode,
  type OperationNode,
  type QueryId,
  type RootOperationNode,
} from 'kysely'

/** A table reference in FROM or JOIN: the table's name, and the node a column reference qualifies with. */
interface TableRef {
  name: string
  /** The alias if there is one, else the (possibly schema-qualified) table. */
  qualifier: TableNode
  alias: string | undefined
  table: TableNode
}

/** Join kinds whose ON clause can carry the filter without changing which outer rows survive. */
const ON_JOINS = new Set(['InnerJoin', 'LeftJoin', 'LateralInnerJoin', 'LateralLeftJoin'])
/** Join kinds that preserve rows of the table they add, or have no ON clause. */
const SUBSTITUTED_JOINS = new Set(['RightJoin', 'FullJoin', 'CrossJoin', 'LateralCrossJoin', 'CrossApply', 'OuterApply'])

/**
 * Hides soft-deleted rows of covered tables wherever a SELECT reads them — FROM, every JOIN, subqueries
 * and CTEs (the base transformer visits those), aliased or schema-qualified tables:
 * - a table in FROM gets `alias.deleted_at is null` in WHERE;
 * - an inner or left join gets it in its ON clause, so a left join keeps its outer row and only loses
 *   the deleted match;
 * - a right, full or cross join, and the FROM tables of a query that has a right or full join, are
 *   replaced by `(select * from t where deleted_at is null) as alias`, the one form that is right for
 *   every join kind.
 */
export class SoftDeleteTransformer extends OperationNodeTransformer {
  readonly #column: string
  readonly #covers: (table: string) => boolean
  readonly #predicates = new Map<string, OperationNode>()

  constructor(column: string, covers: (table: string) => boolean) {
    super()
    this.#column = column
    this.#covers = covers
  }

  /**
   * The query with soft-deleted rows hidden. A SELECT that holds no other query (the common case) gets
   * its filters at the root, without rebuilding the rest of its tree; otherwise the whole tree is
   * transformed. A query that reads no covered table comes back unchanged either way.
   */
  hideDeleted(node: RootOperationNode, queryId: QueryId): RootOperationNode {
    if (containsQuery(node)) return this.transformNode(node, queryId)
    return SelectQueryNode.is(node) ? this.#filterSelect(node) : node
  }

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: QueryId): SelectQueryNode {
    return this.#filterSelect(super.transformSelectQuery(node, queryId))
  }

  #filterSelect(node: SelectQueryNode): SelectQueryNode {
    let result = node
    const joins = result.joins ?? []
    const preservesJoined = joins.some((j) => j.joinType === 'RightJoin' || j.joinType === 'FullJoin')

    if (result.from !== undefined && preservesJoined) {
      result = { ...result, from: FromNode.create(result.from.froms.map((item) => this.#filteredTableFor(item) ?? item)) }
    } else if (result.from !== undefined) {
      for (const item of result.from.froms) {
        const ref = this.#coveredRef(item)
        if (ref !== undefined) result = QueryNode.cloneWithWhere(result, this.#isLive(ref))
      }
    }

    if (joins.length > 0) {
      const next = joins.map((join) => {
        const ref = this.#coveredRef(join.table)
        if (ref === undefined) return join
        if (ON_JOINS.has(join.joinType)) return JoinNode.cloneWithOn(join, this.#isLive(ref))
        if (SUBSTITUTED_JOINS.has(join.joinType)) return { ...join, table: this.#filteredTable(ref) }
        return join
      })
      result = { ...result, joins: next }
    }
    return result
  }

  #filteredTableFor(node: OperationNode): OperationNode | undefined {
    const ref = this.#coveredRef(node)
    return ref === undefined ? undefined : this.#filteredTable(ref)
  }

  #coveredRef(node: OperationNode): TableRef | undefined {
    let table: TableNode | undefined
    let alias: string | undefined
    if (TableNode.is(node)) table = node
    else if (AliasNode.is(node) && TableNode.is(node.node) && IdentifierNode.is(node.alias)) {
      table = node.node
      alias = node.alias.name
    }
    if (table === undefined || !this.#covers(table.table.identifier.name)) return undefined
    return { name: table.table.identifier.name, qualifier: alias === undefined ? table : TableNode.create(alias), alias, table }
  }

  /**
   * `qualifier.deleted_at is null`. Nodes are immutable, so one per qualifier serves every query
   * (bounded: a program names a fixed set of tables and aliases).
   */
  #isLive(ref: TableRef): OperationNode {
    const schema = ref.alias === undefined ? ref.table.table.schema?.name : undefined
    const key = `${schema ?? ''}.${ref.alias ?? ref.name}`
    let predicate = this.#predicates.get(key)
    if (predicate === undefined) {
      predicate = BinaryOperationNode.create(
        ReferenceNode.create(ColumnNode.create(this.#column), ref.qualifier),
        OperatorNode.create('is'),
        ValueNode.createImmediate(null),
      )
      if (this.#predicates.size < 1000) this.#predicates.set(key, predicate)
    }
    return predicate
  }

  /** `(select * from table where deleted_at is null) as alias` */
  #filteredTable(ref: TableRef): OperationNode {
    const select = QueryNode.cloneWithWhere(
      SelectQueryNode.cloneWithSelections(SelectQueryNode.createFrom([ref.table]), [SelectionNode.createSelectAll()]),
      BinaryOperationNode.create(ReferenceNode.create(ColumnNode.create(this.#column)), OperatorNode.create('is'), ValueNode.createImmediate(null)),
    )
    return AliasNode.create(select, IdentifierNode.create(ref.alias ?? ref.name))
  }
}

/** Whether a query sits anywhere below `node` (subquery, CTE, derived table, set operation). */
function containsQuery(node: OperationNode): boolean {
  for (const key in node) {
    const value = (node as unknown as Record<string, unknown>)[key]
    if (typeof value !== 'object' || value === null) continue
    if (Array.isArray(value)) {
      for (const item of value as unknown[]) if (isQueryOrHolds(item)) return true
    } else if (isQueryOrHolds(value)) return true
  }
  return false
}

function isQueryOrHolds(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || !('kind' in value)) return false
  return (value as OperationNode).kind === 'SelectQueryNode' || containsQuery(value as OperationNode)
}
