import { walkWhere, type WhereSink } from './walk-where.js'

/** A filter's statement shape and the values it binds, in the order Kysely binds them. */
export interface WhereShape {
  /** Equal for two filters exactly when `compileWhere` gives them the same SQL. */
  readonly shape: string
  readonly parameters: readonly unknown[]
}

/**
 * The shape of the SQL `compileWhere` makes of `where`, checked the same way (the same walker), so a
 * repository can keep one compiled statement per shape and send it with each call's values (see
 * `PreparedQueries`). Column names go in as JSON strings, so no name can pass for another structure.
 */
export function whereShape(where: unknown, columns: ReadonlySet<string>, table: string): WhereShape {
  const parameters: unknown[] = []
  const shape = walkWhere(shapeSink(parameters), where, columns, table)
  return { shape, parameters }
}

function shapeSink(parameters: unknown[]): WhereSink<string> {
  return {
    compare: (column, op, value) => {
      parameters.push(value)
      return `${JSON.stringify(column)} ${op} ?`
    },
    isNull: (column, negate) => `${JSON.stringify(column)} is ${negate ? 'not ' : ''}null`,
    inList: (column, values, negate) => {
      for (const value of values) parameters.push(value)
      return `${JSON.stringify(column)} ${negate ? 'not in' : 'in'} ${values.length}`
    },
    like: (column, pattern) => {
      parameters.push(pattern)
      return `${JSON.stringify(column)} like ?`
    },
    between: (column, low, high) => {
      parameters.push(low, high)
      return `${JSON.stringify(column)} between ? and ?`
    },
    and: (parts) => `(${parts.join(' and ')})`,
    or: (parts) => `(${parts.join(' or ')})`,
    always: () => 'true',
    never: () => 'false',
  }
}
