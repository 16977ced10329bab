import { sql, type RawBuilder } from 'kysely'
import { BadRequestError } from '../../core/index.js'
import type { RepositoryCore } from '../repository-core.js'

/** The table an `unnest` source is for: a repository's, or any table on an executor (the audit log). */
export type UnnestTarget = Pick<RepositoryCore, 'adapter' | 'executor' | 'table'>

/**
 * `unnest(cast($1 as integer[]), cast($2 as character varying(100)[]), …)`: one array parameter per
 * column (PostgreSQL), `arrays[i]` holding the values of `columns[i]`. The casts use the catalogue's
 * own type names, never user input.
 */
export async function unnestColumns(core: UnnestTarget, columns: readonly string[], arrays: readonly (readonly unknown[])[]): Promise<RawBuilder<unknown>> {
  const types = await columnTypes(core, columns)
  return sql`unnest(${sql.join(arrays.map((values, i) => sql`cast(${values} as ${sql.raw(types[i] as string)}[])`))})`
}

/** `cast($1 as integer[])`: the values of `column` as one array parameter of the column's type (PostgreSQL). */
export async function columnArray(core: UnnestTarget, column: string, values: readonly unknown[]): Promise<RawBuilder<unknown>> {
  const [type] = await columnTypes(core, [column])
  return sql`cast(${values} as ${sql.raw(type as string)}[])`
}

async function columnTypes(core: UnnestTarget, columns: readonly string[]): Promise<string[]> {
  const info = await core.adapter.tableColumns(core.executor, core.table)
  return columns.map((c) => {
    const type = info.get(c)?.type
    if (type === undefined) throw new BadRequestError(`[kysera:repository] Unknown column "${c}" of table "${core.table}"`, { code: 'UNKNOWN_COLUMN' })
    // An array column's element type is the array type without its brackets; unnest flattens one level.
    return type.replace(/\[\]$/, '')
  })
}

/** The values of `column` in every row, `undefined` as NULL: one array parameter of `unnest`. */
export function columnValues(rows: readonly Record<string, unknown>[], column: string): unknown[] {
  const values = new Array<unknown>(rows.length)
  for (let i = 0; i < rows.length; i++) values[i] = (rows[i] as Record<string, unknown>)[column] ?? null
  return values
}
