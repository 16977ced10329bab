/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on any schema */
import { sql, type Kysely } from 'kysely'
import { BadRequestError, silentLogger, type Executor, type Logger } from '../core/index.js'
import type { KyseraDialectAdapter } from '../core/dialect/dialect-adapter.js'
import { getAdapter } from '../core/dialect/get-adapter.js'
import { assertBooleanOption, assertNumberOption, assertOptionsObject, invalidOption } from '../core/options/assert-option.js'
import { dryRunDatabase } from './dry-run-database.js'
import { checkMigration, type Migration } from './migration.js'
import { MigrationError } from './migration-error.js'

/** Options of {@link createMigrationRunner}. */
export interface MigrationRunnerOptions {
  /** The bookkeeping table. Default `'kysera_migrations'`. */
  tableName?: string
  /** Print each pending migration's SQL through `logger` (info) instead of running it. Default `false`. */
  dryRun?: boolean
  /** Progress and dry-run output. Default {@link silentLogger}. */
  logger?: Logger
  /** How long a runner waits for another runner's lock, in milliseconds. Default `60000`. */
  lockTimeoutMs?: number
}

/** What one migration did in a run. */
export interface MigrationResult {
  name: string
  direction: 'up' | 'down'
  /** `dry-run`: nothing ran; `sql` holds the statements it would send. */
  status: 'applied' | 'rolled-back' | 'dry-run'
  durationMs: number
  sql?: string[]
}

/** One applied migration, from the bookkeeping table. */
export interface AppliedMigration {
  name: string
  executedAt: string
  durationMs: number
}

/** What `status()` reports. */
export interface MigrationStatus {
  /** Applied, in the order they were applied. */
  executed: AppliedMigration[]
  /** In the code and not applied, in the order they will run. */
  pending: string[]
  /** Recorded as applied but not in the code any more (renamed or deleted files). */
  missing: string[]
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/

/**
 * Applies and rolls back migrations so that a fleet of processes starting at once applies each
 * exactly once. The runner takes a database lock *before* creating its bookkeeping table (PostgreSQL
 * advisory lock, MySQL `GET_LOCK`, SQLite's write lock); the others wait up to `lockTimeoutMs`. The
 * lock belongs to the connection, so a crashed runner never leaves it behind.
 *
 * Where DDL is transactional (PostgreSQL, SQLite) each migration and its bookkeeping row commit
 * together or not at all; MySQL commits DDL implicitly, so a failure there names the migration and
 * records nothing for it.
 *
 * @example
 * ```ts
 * const runner = createMigrationRunner(db, await loadMigrations('./migrations'), { logger: consoleLogger })
 * await runner.up()
 * console.log(await runner.status())
 * ```
 */
export class MigrationRunner {
  readonly #db: Kysely<any>
  readonly #migrations: readonly Migration[]
  readonly #table: string
  readonly #dryRun: boolean
  readonly #logger: Logger
  readonly #lockTimeoutMs: number
  readonly #adapter: KyseraDialectAdapter

  constructor(db: Executor<any>, migrations: readonly Migration[], options: MigrationRunnerOptions = {}) {
    assertOptionsObject('migrations', options)
    if (!Array.isArray(migrations)) throw invalidOption('migrations', 'migrations', 'an array of migrations', migrations)
    const { tableName = 'kysera_migrations', dryRun = false, logger = silentLogger, lockTimeoutMs = 60_000 } = options
    if (typeof tableName !== 'string' || !NAME.test(tableName)) throw invalidOption('migrations', 'tableName', 'a plain identifier (letters, digits, _)', tableName)
    assertBooleanOption('migrations', 'dryRun', dryRun)
    assertNumberOption('migrations', 'lockTimeoutMs', lockTimeoutMs)
    const seen = new Set<string>()
    this.#migrations = migrations.map((m, i) => {
      const checked = checkMigration(m, `migrations.${i}`)
      if (seen.has(checked.name)) {
        throw new BadRequestError(`[kysera:migrations] Duplicate migration name "${checked.name}"`, { code: 'DUPLICATE_MIGRATION' })
      }
      seen.add(checked.name)
      return checked
    })
    this.#db = db as Kysely<any>
    this.#table = tableName
    this.#dryRun = dryRun
    this.#logger = logger
    this.#lockTimeoutMs = lockTimeoutMs
    this.#adapter = getAdapter(db)
  }

  /** Applies every pending migration, in order. */
  up(): Promise<MigrationResult[]> {
    return this.#migrate(undefined)
  }

  /** Applies pending migrations up to and including `name`. */
  upTo(name: string): Promise<MigrationResult[]> {
    if (!this.#migrations.some((m) => m.name === name)) {
      throw new BadRequestError(`[kysera:migrations] Unknown migration ${JSON.stringify(String(name))}`, { code: 'UNKNOWN_MIGRATION' })
    }
    return this.#migrate(name)
  }

  /** Rolls back the last `steps` applied migrations, newest first. */
  down(steps = 1): Promise<MigrationResult[]> {
    if (!Number.isSafeInteger(steps) || steps < 1) throw invalidOption('migrations', 'steps', 'an integer ≥ 1', steps)
    return this.#rollback(steps)
  }

  /** Rolls back every applied migration. */
  reset(): Promise<MigrationResult[]> {
    return this.#rollback(Number.MAX_SAFE_INTEGER)
  }

  /** Applied, pending and missing migrations. Reads only; takes no lock and creates nothing. */
  async status(): Promise<MigrationStatus> {
    const executed = await this.#readApplied(this.#db)
    const applied = new Set(executed.map((m) => m.name))
    const known = new Set(this.#migrations.map((m) => m.name))
    return {
      executed,
      pending: this.#migrations.filter((m) => !applied.has(m.name)).map((m) => m.name),
      missing: executed.filter((m) => !known.has(m.name)).map((m) => m.name),
    }
  }

  async #migrate(target: string | undefined): Promise<MigrationResult[]> {
    if (this.#dryRun) return this.#dryRunUp(target)
    return this.#locked(async (conn) => {
      await this.#ensureTable(conn)
      const applied = new Set((await this.#readApplied(conn)).map((m) => m.name))
      this.#warnMissing(applied)
      const results: MigrationResult[] = []
      for (const migration of this.#pendingUntil(applied, target)) {
        results.push(await this.#run(conn, migration, 'up'))
      }
      return results
    })
  }

  async #rollback(steps: number): Promise<MigrationResult[]> {
    return this.#locked(async (conn) => {
      await this.#ensureTable(conn)
      const applied = (await this.#readApplied(conn)).reverse().slice(0, steps)
      const byName = new Map(this.#migrations.map((m) => [m.name, m]))
      // Checked before anything changes: a migration that cannot be undone stops the whole rollback.
      for (const entry of applied) {
        const migration = byName.get(entry.name)
        if (migration?.down === undefined) {
          throw new MigrationError(
            `[kysera:migrations] Cannot roll back "${entry.name}": ${migration === undefined ? 'it is not in the code' : 'it has no down()'}`,
            { migration: entry.name, direction: 'down' },
            { code: 'MIGRATION_NOT_REVERSIBLE' },
          )
        }
      }
      const results: MigrationResult[] = []
      for (const entry of applied) results.push(await this.#run(conn, byName.get(entry.name) as Migration, 'down'))
      return results
    })
  }

  /** Holds one connection and the lock for the whole run; always gives the lock back. */
  async #locked<T>(work: (conn: Kysely<any>) => Promise<T>): Promise<T> {
    return this.#db.connection().execute(async (conn) => {
      const lockName = `kysera_migrations:${this.#table}`
      if (!(await this.#adapter.acquireMigrationLock(conn, lockName, this.#lockTimeoutMs))) {
        throw new MigrationError(`[kysera:migrations] Another runner held the migration lock for more than ${this.#lockTimeoutMs} ms`, {}, { code: 'MIGRATION_LOCK_TIMEOUT' })
      }
      try {
        return await work(conn)
      } finally {
        await this.#adapter.releaseMigrationLock(conn, lockName)
      }
    })
  }

  /** Runs one migration and writes (or deletes) its bookkeeping row with it. */
  async #run(conn: Kysely<any>, migration: Migration, direction: 'up' | 'down'): Promise<MigrationResult> {
    const started = performance.now()
    this.#logger.info(`[kysera:migrations] ${direction === 'up' ? 'applying' : 'rolling back'} ${migration.name}`)
    const body = async (db: Kysely<any>): Promise<void> => {
      if (direction === 'up') {
        await migration.up(db)
        const durationMs = Math.round(performance.now() - started)
        await db
          .insertInto(this.#table)
          .values({ name: migration.name, executed_at: this.#adapter.isoTimestamp(new Date()), duration_ms: durationMs })
          .execute()
      } else {
        await migration.down?.(db)
        await db.deleteFrom(this.#table).where('name', '=', migration.name).execute()
      }
    }
    try {
      if (this.#adapter.migrationLockIsTransaction) {
        // The lock is an open transaction (SQLite): a savepoint makes the migration atomic inside it.
        await sql`savepoint kysera_migration`.execute(conn)
        try {
          await body(conn)
          await sql`release savepoint kysera_migration`.execute(conn)
        } catch (error) {
          await sql`rollback to savepoint kysera_migration`.execute(conn)
          await sql`release savepoint kysera_migration`.execute(conn)
          throw error
        }
      } else if (migration.meta?.transaction === false) {
        await body(conn)
      } else {
        await conn.transaction().execute((trx) => body(trx))
      }
    } catch (error) {
      throw new MigrationError(
        `[kysera:migrations] Migration "${migration.name}" failed (${direction}): ${error instanceof Error ? error.message : String(error)}`,
        { migration: migration.name, direction },
        { cause: error },
      )
    }
    const durationMs = Math.round(performance.now() - started)
    this.#logger.info(`[kysera:migrations] ${direction === 'up' ? 'applied' : 'rolled back'} ${migration.name} (${durationMs} ms)`)
    return { name: migration.name, direction, status: direction === 'up' ? 'applied' : 'rolled-back', durationMs }
  }

  async #dryRunUp(target: string | undefined): Promise<MigrationResult[]> {
    const applied = new Set((await this.#readApplied(this.#db)).map((m) => m.name))
    const results: MigrationResult[] = []
    for (const migration of this.#pendingUntil(applied, target)) {
      const statements: string[] = []
      await migration.up(dryRunDatabase(this.#db, (text) => statements.push(text)))
      this.#logger.info(`[kysera:migrations] ${migration.name} (dry run):\n${statements.map((s) => `  ${s};`).join('\n')}`)
      results.push({ name: migration.name, direction: 'up', status: 'dry-run', durationMs: 0, sql: statements })
    }
    return results
  }

  #pendingUntil(applied: ReadonlySet<string>, target: string | undefined): Migration[] {
    const end = target === undefined ? this.#migrations.length : this.#migrations.findIndex((m) => m.name === target) + 1
    return this.#migrations.slice(0, end).filter((m) => !applied.has(m.name))
  }

  #warnMissing(applied: ReadonlySet<string>): void {
    const known = new Set(this.#migrations.map((m) => m.name))
    const missing = [...applied].filter((name) => !known.has(name))
    if (missing.length > 0) this.#logger.warn(`[kysera:migrations] Applied but not in the code: ${missing.join(', ')}`)
  }

  async #ensureTable(conn: Kysely<any>): Promise<void> {
    const { serialPrimaryKey } = this.#adapter.ddlTypes
    await sql`create table if not exists ${sql.id(this.#table)} (
      id ${sql.raw(serialPrimaryKey)},
      name varchar(255) not null unique,
      executed_at varchar(40) not null,
      duration_ms integer not null
    )`.execute(conn)
  }

  /** The bookkeeping rows in the order they were written; none when the table does not exist yet. */
  async #readApplied(executor: Kysely<any>): Promise<AppliedMigration[]> {
    if ((await this.#adapter.tablesWithColumn(executor, 'duration_ms')).every((t) => t !== this.#table)) return []
    const rows = await executor.selectFrom(this.#table).select(['name', 'executed_at', 'duration_ms']).orderBy('id').execute()
    return rows.map((r: Record<string, unknown>) => ({ name: String(r.name), executedAt: String(r.executed_at), durationMs: Number(r.duration_ms) }))
  }
}

/** Same as `new MigrationRunner(db, migrations, options)`. */
export function createMigrationRunner(db: Executor<any>, migrations: readonly Migration[], options: MigrationRunnerOptions = {}): MigrationRunner {
  return new MigrationRunner(db, migrations, options)
}
