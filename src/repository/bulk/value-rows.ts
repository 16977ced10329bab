import { RawNode, ValueNode, sql, type OperationNode, type RawBuilder } from 'kysely'

/** `(values (?, ?), (?, ?), …)`: the rows as a values list (SQLite's `WITH … AS (VALUES …)`). */
export function valuesList(rows: readonly (readonly unknown[])[]): RawBuilder<unknown> {
  return flatRows(rows, (r, c) => (c > 0 ? ', ' : r === 0 ? '(values (' : '), ('), '))')
}

/**
 * `(select ? as kysera_key, ? as kysera_c0 union all select ?, ? …)`: the rows as a derived table whose
 * first row names the columns (MySQL/MariaDB, where a values list cannot name its columns portably).
 * `names` are Kysera's own fixed column names, never user input.
 */
export function unionAllRows(rows: readonly (readonly unknown[])[], names: readonly string[]): RawBuilder<unknown> {
  const last = ` as ${names.at(-1) as string}`
  return flatRows(
    rows,
    (r, c) => {
      if (r === 0) return c === 0 ? '(select ' : ` as ${names[c - 1] as string}, `
      if (c > 0) return ', '
      return r === 1 ? `${last} union all select ` : ' union all select '
    },
    rows.length === 1 ? `${last})` : ')',
  )
}

/**
 * `(with kysera_r(kysera_key, kysera_c0) as (values (?, ?), …) select * from kysera_r)`: the rows as a
 * derived table built from a table value constructor (MariaDB 10.3.3+), one query block for all rows.
 * `names` are Kysera's own fixed column names, never user input.
 */
export function valuesTable(rows: readonly (readonly unknown[])[], names: readonly string[]): RawBuilder<unknown> {
  const head = `(with kysera_r(${names.join(', ')}) as (values (`
  return flatRows(rows, (r, c) => (c > 0 ? ', ' : r === 0 ? head : '), ('), ')) select * from kysera_r)')
}

/**
 * One flat raw node for all rows: `before(r, c)` is the SQL text before the value in row r, column c,
 * and `close` follows the last value. A nested `sql` template per row doubles the nodes Kysely walks
 * when it compiles; for thousands of rows one flat node compiles in about half the time. A value that
 * is itself an expression (`sql\`now()\``) is embedded as SQL, as the `sql` template would.
 */
function flatRows(rows: readonly (readonly unknown[])[], before: (row: number, column: number) => string, close: string): RawBuilder<unknown> {
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
