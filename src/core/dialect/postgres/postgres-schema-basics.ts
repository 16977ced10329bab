import { sql } from 'kysely'
import type { Executor } from '../dialect.js'
import type { SchemaBasics } from '../schema-basics.js'

/** PostgreSQL: the column types of Kysera's own tables, and which tables have a column. */
export const POSTGRES_SCHEMA_BASICS: SchemaBasics = {
  ddlTypes: { json: 'jsonb', timestamp: 'timestamptz', serialPrimaryKey: 'serial primary key' },
  tablesWithColumn,
}

/** The base tables of the current schema that have `column`. */
async function tablesWithColumn(executor: Executor, column: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct c.relname as name from pg_attribute a join pg_class c on c.oid = a.attrelid
    where a.attname = ${column} and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p')
      and c.relnamespace = any(select oid from pg_namespace where nspname = any(current_schemas(false)))`.execute(executor)
  return rows.map((r) => r.name)
}
