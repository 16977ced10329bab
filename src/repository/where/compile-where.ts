import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely'
import { BadRequestError } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import { escapeLike, LIKE_ESCAPE } from './like-pattern.js'
import { WHERE_OPERATORS } from './where-types.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- filters are checked at runtime against the table's columns
type AnyBuilder = ExpressionBuilder<any, any>

const OPERATORS = new Set<string>(WHERE_OPERATORS)
const COMPARISONS = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const

/**
 * Builds the WHERE expression for a repository filter. Every key is checked against `columns` (the
 * table's real columns) and every operator against the known set before any SQL exists, so neither a
 * typo nor an injection attempt reaches the database. Values are always bound parameters.
 */
export function compileWhere(eb: AnyBuilder, where: unknown, columns: ReadonlySet<string>, table: string): Expression<SqlBool> {
  return and(eb, conditions(eb, where, columns, table, 'where'))
}

/** The conditions of one filter object (its keys AND-ed by the caller). */
function conditions(eb: AnyBuilder, where: unknown, columns: ReadonlySet<string>, table: string, path: string): Expression<SqlBool>[] {
  if (where === undefined) return []
  if (!isPlainObject(where)) throw invalid(path, 'an object of column conditions', where)
  const out: Expression<SqlBool>[] = []
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(value)) throw invalid(`${path}.${key}`, 'an array of filters', value)
      const parts = value.map((w, i) => and(eb, conditions(eb, w, columns, table, `${path}.${key}.${i}`)))
      // An empty $or matches nothing; an empty $and matches everything (the identities of OR and AND).
      out.push(key === '$or' ? (parts.length === 0 ? never() : eb.or(parts)) : and(eb, parts))
      continue
    }
    if (!columns.has(key)) {
      throw new BadRequestError(`[kysera:repository] Unknown column ${describeValue(key)} in ${path} of table "${table}"`, {
        code: 'UNKNOWN_COLUMN',
      })
    }
    out.push(...columnConditions(eb, key, value, `${path}.${key}`))
  }
  return out
}

function columnConditions(eb: AnyBuilder, column: string, value: unknown, path: string): Expression<SqlBool>[] {
  const ref = eb.ref(column)
  if (value === null) return [eb(ref, 'is', null)]
  if (Array.isArray(value)) return [inList(eb, column, checkedList(value, path), false)]
  if (!isPlainObject(value)) return [eb(ref, '=', checkedScalar(value, path))]
  const out: Expression<SqlBool>[] = []
  for (const [op, operand] of Object.entries(value)) {
    if (operand === undefined) continue
    if (!OPERATORS.has(op)) {
      throw new BadRequestError(`[kysera:repository] Unknown operator ${describeValue(op)} in ${path}`, { code: 'UNKNOWN_OPERATOR' })
    }
    const at = `${path}.${op}`
    switch (op) {
      case '$eq':
        out.push(operand === null ? eb(ref, 'is', null) : eb(ref, '=', checkedScalar(operand, at)))
        break
      case '$ne':
        out.push(operand === null ? eb(ref, 'is not', null) : eb(ref, '<>', checkedScalar(operand, at)))
        break
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        out.push(eb(ref, COMPARISONS[op], checkedScalar(operand, at)))
        break
      case '$in':
      case '$nin':
        if (!Array.isArray(operand)) throw invalid(at, 'an array', operand)
        out.push(inList(eb, column, checkedList(operand, at), op === '$nin'))
        break
      case '$like':
        out.push(like(eb, column, checkedString(operand, at)))
        break
      case '$contains':
        out.push(like(eb, column, `%${escapeLike(checkedString(operand, at))}%`))
        break
      case '$startsWith':
        out.push(like(eb, column, `${escapeLike(checkedString(operand, at))}%`))
        break
      case '$endsWith':
        out.push(like(eb, column, `%${escapeLike(checkedString(operand, at))}`))
        break
      case '$isNull':
        if (typeof operand !== 'boolean') throw invalid(at, 'a boolean', operand)
        out.push(eb(ref, operand ? 'is' : 'is not', null))
        break
      case '$between': {
        if (!Array.isArray(operand) || operand.length !== 2) throw invalid(at, 'a [low, high] pair', operand)
        out.push(eb.between(ref, checkedScalar(operand[0], `${at}.0`), checkedScalar(operand[1], `${at}.1`)))
        break
      }
    }
  }
  return out
}

function inList(eb: AnyBuilder, column: string, values: unknown[], negate: boolean): Expression<SqlBool> {
  // `IN ()` is a syntax error; the empty set matches nothing (and NOT IN the empty set everything).
  if (values.length === 0) return negate ? always() : never()
  return eb(eb.ref(column), negate ? 'not in' : 'in', values)
}

function like(eb: AnyBuilder, column: string, pattern: string): Expression<SqlBool> {
  return sql<SqlBool>`${eb.ref(column)} like ${pattern} escape ${sql.lit(LIKE_ESCAPE)}`
}

function and(eb: AnyBuilder, parts: Expression<SqlBool>[]): Expression<SqlBool> {
  if (parts.length === 1) return parts[0] as Expression<SqlBool>
  return parts.length === 0 ? always() : eb.and(parts)
}

const always = (): Expression<SqlBool> => sql<SqlBool>`1 = 1`
const never = (): Expression<SqlBool> => sql<SqlBool>`1 = 0`

/** Values a column may be compared with: what drivers bind as one parameter. */
function checkedScalar(value: unknown, path: string): unknown {
  const ok =
    typeof value === 'string' ||
    (typeof value === 'number' && Number.isFinite(value)) ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    (value instanceof Date && !Number.isNaN(value.getTime())) ||
    value instanceof Uint8Array
  if (!ok) throw invalid(path, 'a string, finite number, bigint, boolean, valid Date or bytes', value)
  return value
}

function checkedList(values: unknown[], path: string): unknown[] {
  return values.map((v, i) => checkedScalar(v, `${path}.${i}`))
}

function checkedString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw invalid(path, 'a string', value)
  return value
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

function invalid(path: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(`[kysera:repository] Invalid ${path}: expected ${expected}, got ${describeValue(value)}`, {
    code: 'INVALID_WHERE',
  })
}
