import { sql, type RawBuilder } from 'kysely'
import type { KyseraDialectAdapter } from '../dialect/dialect-adapter.js'
import type { CursorValue } from './cursor-value.js'
import type { ResolvedSortKey } from './sort-key.js'

type Bool = RawBuilder<boolean>
type Position = 'after' | 'atOrAfter' | 'before' | 'atOrBefore' | 'at'

const TRUE: Bool = /* @__PURE__ */ sql<boolean>`1 = 1`
const FALSE: Bool = /* @__PURE__ */ sql<boolean>`1 = 0`

/**
 * WHERE condition selecting the rows that come after `values` in the order `keys` describe (at or
 * after when `inclusive`). Forms, chosen from measurements on each database:
 *
 * - all keys NOT NULL, one direction, and row values that seek an index (PostgreSQL, SQLite):
 *   `(a, b) > (?, ?)`;
 * - otherwise `a >= ? AND NOT (a = ? AND b <= ?)` (nested for more keys): the leading range is an index
 *   seek everywhere, and the rest only filters rows that tie on `a`. The expanded
 *   `a > ? OR (a = ? AND b > ?)` is avoided: PostgreSQL answers it with a linear scan.
 *
 * For nullable keys every comparison is written so it can never be NULL (`NOT NULL` would drop
 * rows) and agrees with where the order puts NULLs.
 */
export function seekPredicate(
  adapter: KyseraDialectAdapter,
  keys: readonly ResolvedSortKey[],
  values: readonly CursorValue[],
  inclusive: boolean,
): Bool {
  const first = keys[0]
  const plain = keys.every((k) => !k.nullable && k.desc === first?.desc) && values.every((v) => v !== null)
  if (plain && (keys.length === 1 || adapter.rowValueSeekUsesIndex)) {
    const op = sql.raw(`${first?.desc ? '<' : '>'}${inclusive ? '=' : ''}`)
    const refs = sql.join(keys.map((k) => sql.ref(k.column)))
    const params = sql.join(values.map((v) => sql.val(v)))
    return keys.length === 1 ? sql<boolean>`${refs} ${op} ${params}` : sql<boolean>`(${refs}) ${op} (${params})`
  }
  return after(keys, values, 0, inclusive)
}

function after(keys: readonly ResolvedSortKey[], values: readonly CursorValue[], i: number, inclusive: boolean): Bool {
  const key = keys[i] as ResolvedSortKey
  const value = values[i] as CursorValue
  if (i === keys.length - 1) return compare(key, value, inclusive ? 'atOrAfter' : 'after')
  const rest = atOrBefore(keys, values, i + 1, inclusive)
  return and(compare(key, value, 'atOrAfter'), not(and(compare(key, value, 'at'), rest)))
}

/** The negation of {@link after}: rows at or before the position. */
function atOrBefore(keys: readonly ResolvedSortKey[], values: readonly CursorValue[], i: number, inclusive: boolean): Bool {
  const key = keys[i] as ResolvedSortKey
  const value = values[i] as CursorValue
  if (i === keys.length - 1) return compare(key, value, inclusive ? 'before' : 'atOrBefore')
  return or(compare(key, value, 'before'), and(compare(key, value, 'at'), atOrBefore(keys, values, i + 1, inclusive)))
}

/** Where a row's key stands relative to `value` in the key's order, NULL-safe. */
function compare(key: ResolvedSortKey, value: CursorValue, where: Position): Bool {
  const ref = sql.ref(key.column)
  const isNull = sql<boolean>`${ref} is null`
  const notNull = sql<boolean>`${ref} is not null`
  if (value === null) {
    // NULLs sit together at one end of the order.
    const nullsBefore = key.nullsFirst
    switch (where) {
      case 'at':
        return isNull
      case 'after':
        return nullsBefore ? notNull : FALSE
      case 'atOrAfter':
        return nullsBefore ? TRUE : isNull
      case 'before':
        return nullsBefore ? FALSE : notNull
      case 'atOrBefore':
        return nullsBefore ? isNull : TRUE
    }
  }
  const forward = where === 'after' || where === 'atOrAfter'
  const op = where === 'at' ? '=' : `${forward !== key.desc ? '>' : '<'}${where === 'atOrAfter' || where === 'atOrBefore' ? '=' : ''}`
  const base = sql<boolean>`${ref} ${sql.raw(op)} ${sql.val(value)}`
  if (!key.nullable) return base
  if (where === 'at') return and(notNull, base)
  // A NULL row is on the far side of every non-NULL value when NULLs come in that direction.
  const nullsOnThisSide = forward ? !key.nullsFirst : key.nullsFirst
  return nullsOnThisSide ? or(base, isNull) : and(notNull, base)
}

function and(a: Bool, b: Bool): Bool {
  if (a === FALSE || b === FALSE) return FALSE
  if (a === TRUE) return b
  if (b === TRUE) return a
  return sql<boolean>`(${a} and ${b})`
}

function or(a: Bool, b: Bool): Bool {
  if (a === TRUE || b === TRUE) return TRUE
  if (a === FALSE) return b
  if (b === FALSE) return a
  return sql<boolean>`(${a} or ${b})`
}

function not(a: Bool): Bool {
  if (a === TRUE) return FALSE
  if (a === FALSE) return TRUE
  return sql<boolean>`not ${a}`
}
