import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { LIKE_ESCAPE } from './like-pattern.js'
import { walkWhere, type WhereSink } from './walk-where.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- filters are checked at runtime against the table's columns
type AnyBuilder = ExpressionBuilder<any, any>

/**
 * Builds the WHERE expression for a repository filter. Every key is checked against `columns` (the
 * table's real columns) and every operator against the known set before any SQL exists, so neither a
 * typo nor an injection attempt reaches the database. Values are always bound parameters.
 */
export function compileWhere(eb: AnyBuilder, where: unknown, columns: ReadonlySet<string>, table: string): Expression<SqlBool> {
  return walkWhere(expressionSink(eb), where, columns, table)
}

function expressionSink(eb: AnyBuilder): WhereSink<Expression<SqlBool>> {
  return {
    compare: (column, op, value) => eb(eb.ref(column), op, value),
    isNull: (column, negate) => eb(eb.ref(column), negate ? 'is not' : 'is', null),
    inList: (column, values, negate) => eb(eb.ref(column), negate ? 'not in' : 'in', values),
    like: (column, pattern) => sql<SqlBool>`${eb.ref(column)} like ${pattern} escape ${sql.lit(LIKE_ESCAPE)}`,
    between: (column, low, high) => eb.between(eb.ref(column), low, high),
    and: (parts) => eb.and(parts),
    or: (parts) => eb.or(parts),
    always: () => sql<SqlBool>`1 = 1`,
    never: () => sql<SqlBool>`1 = 0`,
  }
}
