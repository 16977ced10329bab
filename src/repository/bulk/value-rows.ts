import { RawNode, ValueNode, sql, type OperationNode, type RawBuilder } from 'kysely'

/**
 * Each form below writes the rows with their values as Kysely parameters, or, with `bound`, as `?`
 * placeholder text whose values the caller binds itself, in order (see `bound-rows.ts`).
 */
type Rows = readonly (readonly unknown[])[]

/** The most placeholder texts kept: one per batch size and width in use. */
const MAX_KEPT_TEXTS = 64
const keptTexts = new Map<string, RawBuilder<unknown>>()

/**
 * `values (?, ?), (?, ?), …` for `rows` rows of `width` values: an INSERT's rows as placeholders
 * (see `bound-rows.ts`). Every full chunk of a bulk insert has the same text, so it is built once.
 */
export function insertPlaceholders(rows: number, width: number): RawBuilder<unknown> {
  const key = `${rows}x${width}`
  let text = keptTexts.get(key)
  if (text === undefined) {
    const row = `(${Array.from({ length: width }, () => '?').join(', ')})`
    text = sql.raw(`values ${Array.from({ length: rows }, () => row).join(', ')}`)
    if (keptTexts.size >= MAX_KEPT_TEXTS) keptTexts.clear()
    keptTexts.set(key, text)
  }
  return text
}

/** `(values (?, ?), (?, ?), …)`: the rows as a values list (SQLite's `WITH … AS (VALUES …)`). */
export function valuesList(rows: Rows, bound = false): RawBuilder<unknown> {
  return flatRows(rows, (r, c) => (c > 0 ? ', ' : r === 0 ? '(values (' : '), ('), '))', bound)
}

/**
 * `(select ? as kysera_key, ? as kysera_c0 union all select ?, ? …)`: the rows as a derived table whose
 * first row names the columns (MySQL/MariaDB, where a values list cannot name its columns portably).
 * `names` are Kysera's own fixed column names, never user input.
 */
export function unionAllRows(rows: Rows, names: readonly string[], bound = false): RawBuilder<unknown> {
  const last = ` as ${names.at(-1) as string}`
  return flatRows(
    rows,
    (r, c) => {
      if (r === 0) return c === 0 ? '(select ' : ` as ${names[c - 1] as string}, `
      if (c > 0) return ', '
      return r === 1 ? `${last} union all select ` : ' union all select '
    },
    rows.length === 1 ? `${last})` : ')',
    bound,
  )
}

/**
 * `(with kysera_r(kysera_key, kysera_c0) as (values (?, ?), …) select * from kysera_r)`: the rows as a
 * derived table built from a table value constructor (MariaDB 10.3.3+), one query block for all rows.
 * `names` are Kysera's own fixed column names, never user input.
 */
export function valuesTable(rows: Rows, names: readonly string[], bound = false): RawBuilder<unknown> {
  const head = `(with kysera_r(${names.join(', ')}) as (values (`
  return flatRows(rows, (r, c) => (c > 0 ? ', ' : r === 0 ? head : '), ('), ')) select * from kysera_r)', bound)
}

/**
 * One flat raw node for all rows: `before(r, c)` is the SQL text before the value in row r, column c,
 * and `close` follows the last value. A nested `sql` template per row doubles the nodes Kysely walks
 * when it compiles; for thousands of rows one flat node compiles in about half the time. A value that
 * is itself an expression (`sql\`now()\``) is embedded as SQL, as the `sql` template would. With
 * `bound`, one text with a `?` for each value and no parameters.
 */
function flatRows(rows: Rows, before: (row: number, column: number) => string, close: string, bound: boolean): RawBuilder<unknown> {
  if (bound) {
    let text = ''
    for (let r = 0; r < rows.length; r++) {
      const width = (rows[r] as readonly unknown[]).length
      for (let c = 0; c < width; c++) text += `${before(r, c)}?`
    }
    return sql.raw(text + close)
  }
  const fragments: string[] = []
  const parameters: OperationNode[] = []
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as readonly unknown[]
    for (let c = 0; c < row.length; c++) {
      fragments.push(before(r, c))
      parameters.push(parameterNode(row[c]))
    }
  }
  fragments.push(close)
  const node = RawNode.create(fragments, parameters)
  return sql`${{ toOperationNode: () => node }}`
}

function parameterNode(value: unknown): OperationNode {
  const source = value as { toOperationNode?: () => OperationNode } | null
  return typeof source === 'object' && source !== null && typeof source.toOperationNode === 'function'
    ? source.toOperationNode()
    : ValueNode.create(value)
}
