import type { Expression, OperationNode } from 'kysely'

/**
 * An operation node as a Kysely expression, for builder methods (`where`, `orderBy`, `select`) that
 * accept one. Cheaper than wrapping the node in an `sql` template: no builder, query id or extra node.
 */
export function nodeExpression<T>(node: OperationNode): Expression<T> {
  return { expressionType: undefined, toOperationNode: () => node }
}
