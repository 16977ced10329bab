import { sql, type Kysely } from 'kysely'
import type { Executor } from '../../core/index.js'
import { schemaBasics } from '../../core/dialect/schema-basics.js'

/** One row of the audit table, as the audit methods return it (JSON columns parsed). */
export interface AuditLogEntry {
  id: number
  table_name: string
  entity_id: string
  operation: 'INSERT' | 'UPDATE' | 'DELETE' | 'SOFT_DELETE' | 'RESTORE'
  old_values: Record<string, unknown> | null
  new_values: Record<string, unknown> | null
  changed_by: string | null
  changed_at: Date | string
  metadata: Record<string, unknown> | null
}

/**
 * Creates the audit table and its indexes if they do not exist, on every dialect: JSON columns are
 * `jsonb` on PostgreSQL, `json` on MySQL/MariaDB and text on SQLite. Safe to run from several
 * processes at once: a table or index another process created first is not an error.
 *
 * @example
 * ```ts
 * await createAuditTable(db)            // or in a migration
 * await createAuditTable(db, 'history')
 * ```
 */
export async function createAuditTable(db: Executor<any>, table = 'audit_logs'): Promise<void> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const executor = db as Kysely<unknown>
  const { json, timestamp: time, serialPrimaryKey } = schemaBasics(executor).ddlTypes
  await tolerateExisting(() =>
    sql`create table if not exists ${sql.id(table)} (
      id ${sql.raw(serialPrimaryKey)},
      table_name varchar(255) not null,
      entity_id varchar(255) not null,
      operation varchar(20) not null,
      old_values ${sql.raw(json)},
      new_values ${sql.raw(json)},
      changed_by varchar(255),
      changed_at ${sql.raw(time)} not null,
      metadata ${sql.raw(json)}
    )`.execute(executor),
  )
  for (const [suffix, columns] of [
    ['entity', ['table_name', 'entity_id']],
    ['changed_at', ['changed_at']],
    ['changed_by', ['changed_by']],
  ] as const) {
    // MySQL 8 has no CREATE INDEX IF NOT EXISTS; an index that already exists is fine everywhere.
    await tolerateExisting(() => executor.schema.createIndex(`${table}_${suffix}_idx`).on(table).columns([...columns]).execute())
  }
}

/** Runs `fn`, ignoring "already exists" (a concurrent creator won the race). */
async function tolerateExisting(fn: () => Promise<unknown>): Promise<void> {
  try {
    await fn()
  } catch (error) {
    if (!alreadyExists(error)) throw error
  }
}

/**
 * PostgreSQL 42P07 (duplicate table/index), or 23505 on a system catalogue when two sessions create the
 * same name at the same instant; MySQL 1050 (table) / 1061 (index name); SQLite "already exists".
 */
function alreadyExists(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; constraint?: unknown; message?: unknown }
  if (e.code === '42P07' || e.code === '42710') return true
  if (e.code === '23505' && typeof e.constraint === 'string' && e.constraint.startsWith('pg_')) return true
  if (e.errno === 1050 || e.errno === 1061) return true
  return typeof e.message === 'string' && /already exists/i.test(e.message)
}
