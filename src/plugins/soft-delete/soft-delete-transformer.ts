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

  constructor(column: string, covers: (table: string) => boolean) {
    super()
    this.#column = column
    this.#covers = covers
  }

  protected override transformSelectQuery(node: SelectQueryNode, queryId?: QueryId): SelectQueryNode {
    let result = super.transformSelectQuery(node, queryId)
    const joins = result.joins ?? []
    const preservesJoined = joins.some((j) => j.joinType === 'RightJoin' || j.joinType === 'FullJoin')

    if (result.from !== undefined) {
      const froms: OperationNode[] = []
      for (const item of result.from.froms) {
        const ref = this.#coveredRef(item)
        if (ref === undefined) froms.push(item)
        else if (preservesJoined) froms.push(this.#filteredTable(ref))
        else {
          froms.push(item)
          result = QueryNode.cloneWithWhere(result, this.#isLive(ref))
        }
      }
      result = { ...result, from: FromNode.create(froms) }
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

  /** `qualifier.deleted_at is null` */
  #isLive(ref: TableRef): OperationNode {
    return BinaryOperationNode.create(
      ReferenceNode.create(ColumnNode.create(this.#column), ref.qualifier),
      OperatorNode.create('is'),
      ValueNode.createImmediate(null),
    )
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
