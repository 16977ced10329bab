import { sql } from 'kysely'
import type { Executor } from '../dialect.js'

/** The base tables of the current schema that have `column`. */
export async function mysqlTablesWithColumn(executor: Executor, column: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.table_name as name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = database() and c.column_name = ${column}`.execute(executor)
  return rows.map((r) => r.name)
}
