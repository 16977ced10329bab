import type { DdlTypes } from './dialect-adapter.js'
import type { Dialect, Executor } from './dialect.js'
import { dialectOf } from './dialect-of.js'
import { MYSQL_SCHEMA_BASICS } from './mysql/mysql-schema-basics.js'
import { POSTGRES_SCHEMA_BASICS } from './postgres/postgres-schema-basics.js'
import { SQLITE_SCHEMA_BASICS } from './sqlite/sqlite-schema-basics.js'

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
  postgres: POSTGRES_SCHEMA_BASICS,
  mysql: MYSQL_SCHEMA_BASICS,
  sqlite: SQLITE_SCHEMA_BASICS,
})

/** {@link SchemaBasics} of an executor's dialect. */
export function schemaBasics(executor: Executor): SchemaBasics {
  return SCHEMA_BASICS[dialectOf(executor)]
}
