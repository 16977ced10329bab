import { sql } from 'kysely'
import type { Executor } from '../dialect.js'
import type { SchemaBasics } from '../schema-basics.js'

/** MySQL / MariaDB: the column types of Kysera's own tables, and which tables have a column. */
export const MYSQL_SCHEMA_BASICS: SchemaBasics = {
  ddlTypes: { json: 'json', timestamp: 'datetime(3)', serialPrimaryKey: 'integer auto_increment primary key' },
  tablesWithColumn,
}

/** The base tables of the current schema that have `column`. */
async function tablesWithColumn(executor: Executor, column: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.table_name as name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = database() and c.column_name = ${column}`.execute(executor)
  return rows.map((r) => r.name)
}
