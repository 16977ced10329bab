import type { DdlTypes } from './dialect-adapter.js'
import type { Dialect, Executor } from './dialect.js'
import { dialectOf } from './dialect-of.js'
import { mysqlTablesWithColumn } from './mysql/mysql-catalogue.js'
import { postgresTablesWithColumn } from './postgres/postgres-catalogue.js'
import { sqliteTablesWithColumn } from './sqlite/sqlite-catalogue.js'

/**
 * What code that creates or looks up Kysera's own tables needs of a dialect. The adapters answer with
 * these too; plugins read them directly, so a plugin bundle does not carry the three full adapters.
 */
export interface SchemaBasics {
  readonly ddlTypes: DdlTypes
  /** The base tables of the current schema that have `column`. */
  tablesWithColumn(executor: Executor, column: string): Promise<string[]>
}

export const SCHEMA_BASICS: Readonly<Record<Dialect, SchemaBasics>> = /* @__PURE__ */ Object.freeze({
  postgres: { ddlTypes: { json: 'jsonb', timestamp: 'timestamptz', serialPrimaryKey: 'serial primary key' }, tablesWithColumn: postgresTablesWithColumn },
  mysql: { ddlTypes: { json: 'json', timestamp: 'datetime(3)', serialPrimaryKey: 'integer auto_increment primary key' }, tablesWithColumn: mysqlTablesWithColumn },
  sqlite: { ddlTypes: { json: 'text', timestamp: 'text', serialPrimaryKey: 'integer primary key autoincrement' }, tablesWithColumn: sqliteTablesWithColumn },
})

/** {@link SchemaBasics} of an executor's dialect. */
export function schemaBasics(executor: Executor): SchemaBasics {
  return SCHEMA_BASICS[dialectOf(executor)]
}
