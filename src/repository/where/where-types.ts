/** Operators a `where` value may use for one column of type `T`. */
export interface WhereOperators<T> {
  $eq?: T | null
  $ne?: T | null
  $gt?: T
  $gte?: T
  $lt?: T
  $lte?: T
  $in?: readonly T[]
  $nin?: readonly T[]
  /** A LIKE pattern used as written (`%` and `_` are wildcards); the value is still a bound parameter. */
  $like?: string
  /** Substring match; `%`, `_` and `\` in the value match themselves. */
  $contains?: string
  /** Prefix match; `%`, `_` and `\` in the value match themselves. */
  $startsWith?: string
  /** Suffix match; `%`, `_` and `\` in the value match themselves. */
  $endsWith?: string
  /** `true`: IS NULL, `false`: IS NOT NULL. */
  $isNull?: boolean
  /** Inclusive range. */
  $between?: readonly [T, T]
}

/** The condition on one column: a value (equality), `null` (IS NULL), an array (IN) or operators. */
export type WhereValue<T> = T | null | readonly T[] | WhereOperators<T>

/**
 * A filter typed on a table's columns, combinable with `$or` / `$and`. Every key must be a column or
 * `$or`/`$and`; anything else is refused with `BadRequestError` before SQL is built.
 *
 * @example
 * ```ts
 * users.find({ where: { org_id: 3, email: { $endsWith: '@acme.com' }, $or: [{ role: 'admin' }, { age: { $gte: 18 } }] } })
 * ```
 */
export type Where<Row> = {
  [K in keyof Row]?: WhereValue<NonNullable<Row[K]>>
} & {
  $or?: readonly Where<Row>[]
  $and?: readonly Where<Row>[]
}

/** Every operator name, for validation. */
export const WHERE_OPERATORS = [
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$like',
  '$contains',
  '$startsWith',
  '$endsWith',
  '$isNull',
  '$between',
] as const
