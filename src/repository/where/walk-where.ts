import { BadRequestError } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'
import { escapeLike } from './like-pattern.js'
import { WHERE_OPERATORS } from './where-types.js'

/** A comparison a filter may make between a column and one bound value. */
export type Comparison = '=' | '<>' | '>' | '>=' | '<' | '<='

/**
 * What a checked filter turns into. The walker decides the structure and checks every key, operator
 * and value; a sink only builds: Kysely expressions (`compileWhere`), or the statement's shape and its
 * bound values in the order Kysely binds them (`whereShape`). One walker keeps the two from drifting.
 */
export interface WhereSink<E> {
  /** `column <op> value`, the value bound. */
  compare(column: string, op: Comparison, value: unknown): E
  /** `column is null` / `column is not null`. */
  isNull(column: string, negate: boolean): E
  /** `column in (…)` / `column not in (…)` for a non-empty list, each value bound. */
  inList(column: string, values: readonly unknown[], negate: boolean): E
  /** `column like pattern escape '!'`, the pattern bound. */
  like(column: string, pattern: string): E
  /** `column between low and high`, both bound. */
  between(column: string, low: unknown, high: unknown): E
  /** Two or more conditions, all required. */
  and(parts: E[]): E
  /** One or more conditions, any one enough. */
  or(parts: E[]): E
  /** A condition every row meets (`1 = 1`). */
  always(): E
  /** A condition no row meets (`1 = 0`). */
  never(): E
}

const OPERATORS = new Set<string>(WHERE_OPERATORS)
const COMPARISONS = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const

/**
 * Walks a repository filter into `sink`. Every key is checked against `columns` (the table's real
 * columns) and every operator against the known set, so neither a typo nor an injection attempt gets
 * further; every value is checked to be something a driver binds as one parameter.
 */
export function walkWhere<E>(sink: WhereSink<E>, where: unknown, columns: ReadonlySet<string>, table: string): E {
  return and(sink, conditions(sink, where, columns, table, 'where'))
}

/** The conditions of one filter object (its keys AND-ed by the caller). */
function conditions<E>(sink: WhereSink<E>, where: unknown, columns: ReadonlySet<string>, table: string, path: string): E[] {
  if (where === undefined) return []
  if (!isPlainObject(where)) throw invalid(path, 'an object of column conditions', where)
  const out: E[] = []
  for (const [key, value] of Object.entries(where)) {
    if (value === undefined) continue
    if (key === '$or' || key === '$and') {
      if (!Array.isArray(value)) throw invalid(`${path}.${key}`, 'an array of filters', value)
      const parts = value.map((w, i) => and(sink, conditions(sink, w, columns, table, `${path}.${key}.${i}`)))
      // An empty $or matches nothing; an empty $and matches everything (the identities of OR and AND).
      out.push(key === '$or' ? (parts.length === 0 ? sink.never() : sink.or(parts)) : and(sink, parts))
      continue
    }
    if (!columns.has(key)) {
      throw new BadRequestError(`[kysera:repository] Unknown column ${describeValue(key)} in ${path} of table "${table}"`, {
        code: 'UNKNOWN_COLUMN',
      })
    }
    columnConditions(sink, key, value, `${path}.${key}`, out)
  }
  return out
}

function columnConditions<E>(sink: WhereSink<E>, column: string, value: unknown, path: string, out: E[]): void {
  if (value === null) return void out.push(sink.isNull(column, false))
  if (Array.isArray(value)) return void out.push(inList(sink, column, checkedList(value, path), false))
  if (!isPlainObject(value)) return void out.push(sink.compare(column, '=', checkedScalar(value, path)))
  for (const [op, operand] of Object.entries(value)) {
    if (operand === undefined) continue
    if (!OPERATORS.has(op)) {
      throw new BadRequestError(`[kysera:repository] Unknown operator ${describeValue(op)} in ${path}`, { code: 'UNKNOWN_OPERATOR' })
    }
    const at = `${path}.${op}`
    switch (op) {
      case '$eq':
        out.push(operand === null ? sink.isNull(column, false) : sink.compare(column, '=', checkedScalar(operand, at)))
        break
      case '$ne':
        out.push(operand === null ? sink.isNull(column, true) : sink.compare(column, '<>', checkedScalar(operand, at)))
        break
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte':
        out.push(sink.compare(column, COMPARISONS[op], checkedScalar(operand, at)))
        break
      case '$in':
      case '$nin':
        if (!Array.isArray(operand)) throw invalid(at, 'an array', operand)
        out.push(inList(sink, column, checkedList(operand, at), op === '$nin'))
        break
      case '$like':
        out.push(sink.like(column, checkedString(operand, at)))
        break
      case '$contains':
        out.push(sink.like(column, `%${escapeLike(checkedString(operand, at))}%`))
        break
      case '$startsWith':
        out.push(sink.like(column, `${escapeLike(checkedString(operand, at))}%`))
        break
      case '$endsWith':
        out.push(sink.like(column, `%${escapeLike(checkedString(operand, at))}`))
        break
      case '$isNull':
        if (typeof operand !== 'boolean') throw invalid(at, 'a boolean', operand)
        out.push(sink.isNull(column, !operand))
        break
      case '$between': {
        if (!Array.isArray(operand) || operand.length !== 2) throw invalid(at, 'a [low, high] pair', operand)
        out.push(sink.between(column, checkedScalar(operand[0], `${at}.0`), checkedScalar(operand[1], `${at}.1`)))
        break
      }
    }
  }
}

function inList<E>(sink: WhereSink<E>, column: string, values: unknown[], negate: boolean): E {
  // `IN ()` is a syntax error; the empty set matches nothing (and NOT IN the empty set everything).
  if (values.length === 0) return negate ? sink.always() : sink.never()
  return sink.inList(column, values, negate)
}

function and<E>(sink: WhereSink<E>, parts: E[]): E {
  if (parts.length === 1) return parts[0] as E
  return parts.length === 0 ? sink.always() : sink.and(parts)
}

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
