import { sql } from 'kysely'
import type { Executor } from '../dialect.js'

/** The base tables of the current schema that have `column`. */
export async function postgresTablesWithColumn(executor: Executor, column: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select distinct c.relname as name from pg_attribute a join pg_class c on c.oid = a.attrelid
    where a.attname = ${column} and a.attnum > 0 and not a.attisdropped and c.relkind in ('r', 'p')
      and c.relnamespace = any(select oid from pg_namespace where nspname = any(current_schemas(false)))`.execute(executor)
  return rows.map((r) => r.name)
}
