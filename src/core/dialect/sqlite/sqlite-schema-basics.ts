import { sql } from 'kysely'
import type { Executor } from '../dialect.js'
import type { SchemaBasics } from '../schema-basics.js'

/** SQLite: the column types of Kysera's own tables, and which tables have a column. */
export const SQLITE_SCHEMA_BASICS: SchemaBasics = {
  ddlTypes: { json: 'text', timestamp: 'text', serialPrimaryKey: 'integer primary key autoincrement' },
  tablesWithColumn,
}

/** The base tables of the current schema that have `column`. */
async function tablesWithColumn(executor: Executor, column: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select m.name as name from sqlite_master m join pragma_table_info(m.name) p
    where m.type = 'table' and p.name = ${column}`.execute(executor)
  return rows.map((r) => r.name)
}
