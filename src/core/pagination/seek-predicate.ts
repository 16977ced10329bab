import { ColumnNode, RawNode, ReferenceNode, TableNode, ValueNode, type Expression, type OperationNode, type SqlBool } from 'kysely'
import type { KyseraDialectAdapter } from '../dialect/dialect-adapter.js'
import { nodeExpression } from '../internal/node-expression.js'
import type { CursorValue } from './cursor-value.js'
import type { ResolvedSortKey } from './sort-key.js'

type Position = 'after' | 'atOrAfter' | 'before' | 'atOrBefore' | 'at'

/**
 * A condition before it becomes SQL: constants fold away, and the whole predicate is rendered as one
 * flat raw node. Nested `sql` templates cost a builder, a query id and a visitor pass each; on an
 * in-process database that was a third of a page's time.
 */
type Cond = true | false | Compare | { and: [Cond, Cond] } | { or: [Cond, Cond] } | { not: Cond }

/** `column op value`, `column is null` (value omitted) or `column is not null`. */
interface Compare {
  column: string
  op: string
  value?: CursorValue
}

/**
 * WHERE condition selecting the rows that come after `values` in the order `keys` describe (at or
 * after when `inclusive`). Forms, chosen from measurements on each database:
 *
 * - all keys NOT NULL, one direction, and row values that seek an index (PostgreSQL, SQLite):
 *   `(a, b) > (?, ?)`;
 * - otherwise `a >= ? AND NOT (a = ? AND b <= ?)` (nested for more keys): the leading range is an index
 *   seek everywhere, and the rest only filters rows that tie on `a` (on MySQL negated as
 *   `if(…, 0, 1)`, which its range optimizer does not analyse; see `KyseraDialectAdapter.negation`). The expanded
 *   `a > ? OR (a = ? AND b > ?)` is avoided: PostgreSQL answers it with a linear scan.
 *
 * Each value is written after the adapter's `opaqueValuePrefix` (`+?` on SQLite, so a kept statement is
 * not re-planned for every cursor).
 *
 * For nullable keys every comparison is written so it can never be NULL (`NOT NULL` would drop
 * rows) and agrees with where the order puts NULLs.
 */
export function seekPredicate(
  adapter: KyseraDialectAdapter,
  keys: readonly ResolvedSortKey[],
  values: readonly CursorValue[],
  inclusive: boolean,
): Expression<SqlBool> {
  const first = keys[0]
  const plain = keys.every((k) => !k.nullable && k.desc === first?.desc) && values.every((v) => v !== null)
  if (plain && keys.length > 1 && adapter.rowValueSeekUsesIndex) {
    // (a, b) > (?, ?): fragments around 2n parameters, the n references and then the n values.
    const parameters: OperationNode[] = []
    for (const k of keys) parameters.push(columnReference(k.column))
    for (const v of values) parameters.push(ValueNode.create(v))
    return nodeExpression(RawNode.create(rowValueFragments(keys.length, first?.desc === true, inclusive, adapter.opaqueValuePrefix), parameters))
  }
  const parts: Part[] = []
  render(after(keys, values, 0, inclusive), parts, adapter)
  return nodeExpression(flatten(parts))
}

function after(keys: readonly ResolvedSortKey[], values: readonly CursorValue[], i: number, inclusive: boolean): Cond {
  const key = keys[i] as ResolvedSortKey
  const value = values[i] as CursorValue
  if (i === keys.length - 1) return compare(key, value, inclusive ? 'atOrAfter' : 'after')
  const rest = atOrBefore(keys, values, i + 1, inclusive)
  return and(compare(key, value, 'atOrAfter'), not(and(compare(key, value, 'at'), rest)))
}

/** The negation of {@link after}: rows at or before the position. */
function atOrBefore(keys: readonly ResolvedSortKey[], values: readonly CursorValue[], i: number, inclusive: boolean): Cond {
  const key = keys[i] as ResolvedSortKey
  const value = values[i] as CursorValue
  if (i === keys.length - 1) return compare(key, value, inclusive ? 'before' : 'atOrBefore')
  return or(compare(key, value, 'before'), and(compare(key, value, 'at'), atOrBefore(keys, values, i + 1, inclusive)))
}

/** Where a row's key stands relative to `value` in the key's order, NULL-safe. */
function compare(key: ResolvedSortKey, value: CursorValue, where: Position): Cond {
  const { column } = key
  const isNull: Cond = { column, op: 'is null' }
  const notNull: Cond = { column, op: 'is not null' }
  if (value === null) {
    // NULLs sit together at one end of the order.
    const nullsBefore = key.nullsFirst
    switch (where) {
      case 'at':
        return isNull
      case 'after':
        return nullsBefore ? notNull : false
      case 'atOrAfter':
        return nullsBefore ? true : isNull
      case 'before':
        return nullsBefore ? false : notNull
      case 'atOrBefore':
        return nullsBefore ? isNull : true
    }
  }
  const forward = where === 'after' || where === 'atOrAfter'
  const op = where === 'at' ? '=' : `${forward !== key.desc ? '>' : '<'}${where === 'atOrAfter' || where === 'atOrBefore' ? '=' : ''}`
  const base: Cond = { column, op, value }
  if (!key.nullable) return base
  if (where === 'at') return and(notNull, base)
  // A NULL row is on the far side of every non-NULL value when NULLs come in that direction.
  const nullsOnThisSide = forward ? !key.nullsFirst : key.nullsFirst
  return nullsOnThisSide ? or(base, isNull) : and(notNull, base)
}

function and(a: Cond, b: Cond): Cond {
  if (a === false || b === false) return false
  if (a === true) return b
  if (b === true) return a
  return { and: [a, b] }
}

function or(a: Cond, b: Cond): Cond {
  if (a === true || b === true) return true
  if (a === false) return b
  if (b === false) return a
  return { or: [a, b] }
}

function not(a: Cond): Cond {
  return typeof a === 'boolean' ? !a : { not: a }
}

/** SQL text, or a node (column reference, value) in it. */
type Part = string | OperationNode

function render(c: Cond, out: Part[], adapter: KyseraDialectAdapter): void {
  if (typeof c === 'boolean') out.push(c ? '1 = 1' : '1 = 0')
  else if ('not' in c) {
    const viaIf = adapter.negation === 'if'
    out.push(viaIf ? 'if(' : 'not ')
    render(c.not, out, adapter)
    if (viaIf) out.push(', 0, 1)')
  } else if ('column' in c) {
    out.push(columnReference(c.column))
    if (c.value === undefined) out.push(` ${c.op}`)
    else out.push(` ${c.op} ${adapter.opaqueValuePrefix}`, ValueNode.create(c.value))
  } else {
    const [a, b] = 'and' in c ? c.and : c.or
    out.push('(')
    render(a, out, adapter)
    out.push('and' in c ? ' and ' : ' or ')
    render(b, out, adapter)
    out.push(')')
  }
}

/** One `RawNode` for all parts: text runs joined, nodes as its parameters. */
function flatten(parts: readonly Part[]): RawNode {
  const fragments = ['']
  const parameters: OperationNode[] = []
  for (const part of parts) {
    if (typeof part === 'string') fragments[fragments.length - 1] += part
    else {
      parameters.push(part)
      fragments.push('')
    }
  }
  return RawNode.create(fragments, parameters)
}

/** The text around a row-value seek's parameters, per form: a page asks for the same one every time. */
const rowValueTexts = new Map<string, readonly string[]>()

function rowValueFragments(n: number, desc: boolean, inclusive: boolean, prefix: string): readonly string[] {
  const form = `${n} ${desc} ${inclusive} ${prefix}`
  let fragments = rowValueTexts.get(form)
  if (fragments === undefined) {
    const op = `${desc ? '<' : '>'}${inclusive ? '=' : ''}`
    fragments = ['(', ...Array<string>(n - 1).fill(', '), `) ${op} (${prefix}`, ...Array<string>(n - 1).fill(`, ${prefix}`), ')']
    rowValueTexts.set(form, fragments)
  }
  return fragments
}

/** Reference nodes by column name; nodes are immutable, and every page of a listing needs the same few. */
const references = new Map<string, ReferenceNode>()
/** Bound on {@link references}: orderBy columns may come from requests (validated, but not finite). */
const MAX_REFERENCES = 512

/** `column` or `table.column` (validated identifiers, see `parseOrderBy`) as a reference node. */
export function columnReference(column: string): ReferenceNode {
  let node = references.get(column)
  if (node === undefined) {
    const dot = column.indexOf('.')
    node =
      dot < 0
        ? ReferenceNode.create(ColumnNode.create(column))
        : ReferenceNode.create(ColumnNode.create(column.slice(dot + 1)), TableNode.create(column.slice(0, dot)))
    if (references.size >= MAX_REFERENCES) references.clear()
    references.set(column, node)
  }
  return node
}
