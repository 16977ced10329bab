// Tables the plugin suites share: users and posts carry deleted_at/created_at/updated_at; tags has none.
import { sql, type Kysely } from 'kysely'
import { detectDialect } from 'kysera'
import type { AnyDB } from '../setup/dialects.js'
import { autoIdColumn } from '../setup/schema.js'

/** The column type each dialect stores a timestamp in. */
export function timestampType(db: Kysely<AnyDB>): 'timestamptz' | 'datetime(3)' | 'text' {
  const dialect = detectDialect(db)
  return dialect === 'postgres' ? 'timestamptz' : dialect === 'mysql' ? 'datetime(3)' : 'text'
}

export async function createPluginTables(db: Kysely<AnyDB>, deletedAt = 'deleted_at'): Promise<void> {
  const ts = timestampType(db)
  await db.schema
    .createTable('users')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('email', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('name', 'varchar(100)')
    .addColumn(deletedAt, sql.raw(ts))
    .addColumn('created_at', sql.raw(ts))
    .addColumn('updated_at', sql.raw(ts))
    .execute()
  await db.schema
    .createTable('posts')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn(deletedAt, sql.raw(ts))
    .execute()
  await db.schema
    .createTable('tags')
    .addColumn('id', ...autoIdColumn(db))
    .addColumn('label', 'varchar(50)', (c) => c.notNull())
    .execute()
}

export async function emptyPluginTables(db: Kysely<AnyDB>): Promise<void> {
  for (const table of ['users', 'posts', 'tags']) await db.deleteFrom(table).execute()
}
