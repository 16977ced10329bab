import { sql } from 'kysely'
import type { Executor } from '../dialect.js'

/** The base tables of the current schema that have `column`. */
export async function sqliteTablesWithColumn(executor: Executor, column: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select m.name as name from sqlite_master m join pragma_table_info(m.name) p
    where m.type = 'table' and p.name = ${column}`.execute(executor)
  return rows.map((r) => r.name)
}
