import type { Kysely } from 'kysely'
import { BadRequestError } from '../core/index.js'
import { describeValue } from '../core/options/assert-option.js'

/** Facts about a migration, shown by `status` and honoured by the runner. */
export interface MigrationMeta {
  description?: string
  /** Breaks running code (a dropped column…): worth a note in the deploy. */
  breaking?: boolean
  /** Rough run time, for humans ("2 min"). */
  estimatedDuration?: string
  /**
   * Run inside a transaction with its bookkeeping row. Default `true`. `false` for statements a
   * transaction refuses, e.g. PostgreSQL `CREATE INDEX CONCURRENTLY`.
   */
  transaction?: boolean
}

/** One migration. `db` is the connection the runner holds the lock on (or its transaction). */
export interface Migration {
  readonly name: string
  up(db: Kysely<any>): Promise<void> // eslint-disable-line @typescript-eslint/no-explicit-any
  down?(db: Kysely<any>): Promise<void> // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly meta?: MigrationMeta
}

/**
 * Builds a migration.
 *
 * @example
 * ```ts
 * export default createMigration('001_users', async (db) => {
 *   await db.schema.createTable('users').addColumn('id', 'serial', (c) => c.primaryKey()).execute()
 * }, async (db) => {
 *   await db.schema.dropTable('users').execute()
 * })
 * ```
 */
export function createMigration(
  name: string,
  up: Migration['up'],
  down?: Migration['down'],
  meta?: MigrationMeta,
): Migration {
  return checkMigration({ name, up, ...(down === undefined ? {} : { down }), ...(meta === undefined ? {} : { meta }) }, 'migration')
}

/** Throws `BadRequestError` (`INVALID_MIGRATION`) unless `value` is a well-formed migration. */
export function checkMigration(value: unknown, path: string): Migration {
  const m = value as Partial<Migration> | null
  if (typeof m !== 'object' || m === null) throw invalid(path, 'a migration object', value)
  if (typeof m.name !== 'string' || m.name.trim() === '' || m.name.length > 255) throw invalid(`${path}.name`, 'a non-empty name of at most 255 characters', m.name)
  if (typeof m.up !== 'function') throw invalid(`${path}.up`, 'a function', m.up)
  if (m.down !== undefined && typeof m.down !== 'function') throw invalid(`${path}.down`, 'a function', m.down)
  if (m.meta !== undefined && (typeof m.meta !== 'object' || m.meta === null)) throw invalid(`${path}.meta`, 'an object', m.meta)
  if (m.meta?.transaction !== undefined && typeof m.meta.transaction !== 'boolean') throw invalid(`${path}.meta.transaction`, 'a boolean', m.meta.transaction)
  return m as Migration
}

function invalid(path: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(`[kysera:migrations] Invalid ${path}: expected ${expected}, got ${describeValue(value)}`, { code: 'INVALID_MIGRATION' })
}
