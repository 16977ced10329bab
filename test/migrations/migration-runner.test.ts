import { sql, type Kysely } from 'kysely'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, expect, it } from 'vitest'
import { BadRequestError } from 'kysera'
import { createMigration, createMigrationRunner, loadMigrations, MigrationError, type Migration } from 'kysera/migrations'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../setup/dialects.js'

/** Migrations that create tables t1…tn and note every up/down in `log`. */
function numbered(n: number, log: string[] = []): Migration[] {
  return Array.from({ length: n }, (_, i) =>
    createMigration(
      `00${i + 1}_t${i + 1}`,
      async (db) => {
        log.push(`up ${i + 1}`)
        await db.schema.createTable(`t${i + 1}`).addColumn('id', 'integer').execute()
      },
      async (db) => {
        log.push(`down ${i + 1}`)
        await db.schema.dropTable(`t${i + 1}`).execute()
      },
    ),
  )
}

describeEachDialect('MigrationRunner', (t) => {
  const db = (): Kysely<AnyDB> => t.db
  // Through the suite's own schema (search path / database): introspection would also list tables
  // other suites create in their schemas at the same time.
  const tableExists = (name: string): Promise<boolean> =>
    db()
      .selectFrom(name)
      .select(sql<number>`1`.as('one'))
      .limit(1)
      .execute()
      .then(
        () => true,
        () => false,
      )

  beforeEach(async () => {
    for (const table of ['t1', 't2', 't3', 't4', 'kysera_migrations', 'atomic', 'concurrent_idx']) await db().schema.dropTable(table).ifExists().execute()
  })

  it('applies, reports and rolls back, with durations, in exact reverse order', async () => {
    const log: string[] = []
    const runner = createMigrationRunner(db(), numbered(3, log))
    expect(await runner.status()).toEqual({ executed: [], pending: ['001_t1', '002_t2', '003_t3'], missing: [] })
    const applied = await runner.up()
    expect(applied.map((r) => [r.name, r.status])).toEqual([
      ['001_t1', 'applied'],
      ['002_t2', 'applied'],
      ['003_t3', 'applied'],
    ])
    expect(applied.every((r) => r.durationMs >= 0)).toBe(true)
    expect(await runner.up()).toEqual([]) // nothing left
    expect((await runner.status()).executed.map((m) => m.name)).toEqual(['001_t1', '002_t2', '003_t3'])
    // All three were applied within the same second: the order still comes from the bookkeeping ids.
    expect((await runner.down(2)).map((r) => r.name)).toEqual(['003_t3', '002_t2'])
    expect(await tableExists('t3')).toBe(false)
    expect(await tableExists('t1')).toBe(true)
    expect((await runner.reset()).map((r) => r.name)).toEqual(['001_t1'])
    expect(log).toEqual(['up 1', 'up 2', 'up 3', 'down 3', 'down 2', 'down 1'])
  })

  it('upTo applies up to and including a migration', async () => {
    const runner = createMigrationRunner(db(), numbered(3))
    expect((await runner.upTo('002_t2')).map((r) => r.name)).toEqual(['001_t1', '002_t2'])
    expect((await runner.status()).pending).toEqual(['003_t3'])
    expect(() => runner.upTo('nope')).toThrow(BadRequestError)
  })

  it('four runners started together apply each migration exactly once', async () => {
    const log: string[] = []
    const migrations = numbered(3, log)
    const runners = [0, 1, 2, 3].map(() => createMigrationRunner(t.connect(), migrations, { lockTimeoutMs: 30_000 }))
    const results = await Promise.all(runners.map((r) => r.up()))
    expect(results.flat().map((r) => r.name).sort()).toEqual(['001_t1', '002_t2', '003_t3'])
    expect(log).toEqual(['up 1', 'up 2', 'up 3'])
    expect((await db().selectFrom('kysera_migrations').select('name').orderBy('id').execute()).map((r) => r.name)).toEqual(['001_t1', '002_t2', '003_t3'])
  })

  it('times out waiting for a lock another runner holds, naming the reason', async () => {
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    let started: () => void = () => {}
    const isStarted = new Promise<void>((resolve) => (started = resolve))
    const slow = createMigration('001_slow', async () => {
      started()
      await held
    })
    const first = createMigrationRunner(t.connect(), [slow]).up()
    await isStarted
    const error = await catchError(() => createMigrationRunner(t.connect(), [slow], { lockTimeoutMs: 200 }).up())
    release()
    await first
    expect(error).toBeInstanceOf(MigrationError)
    expect(error).toMatchObject({ code: 'MIGRATION_LOCK_TIMEOUT' })
  })

  it('leaves a failing migration without changes or bookkeeping where DDL is transactional, and names it everywhere', async () => {
    const failing = createMigration('002_fails', async (db) => {
      await db.schema.createTable('atomic').addColumn('id', 'integer').execute()
      throw new Error('boom')
    })
    const runner = createMigrationRunner(db(), [...numbered(1), failing])
    const error = await catchError(() => runner.up())
    expect(error).toBeInstanceOf(MigrationError)
    expect(error).toMatchObject({ migration: '002_fails', direction: 'up', code: 'MIGRATION_FAILED' })
    expect((error as Error).message).toContain('boom')
    const status = await runner.status()
    expect(status.executed.map((m) => m.name)).toEqual(['001_t1']) // consistent on every dialect
    expect(status.pending).toEqual(['002_fails'])
    // PostgreSQL and SQLite roll the DDL back with the migration; MySQL commits DDL implicitly.
    expect(await tableExists('atomic')).toBe(t.dialect === 'mysql')
  })

  if (t.dialect === 'postgres') {
    it('runs a migration with transaction: false outside a transaction (CREATE INDEX CONCURRENTLY)', async () => {
      const runner = createMigrationRunner(db(), [
        createMigration('001_table', async (db) => {
          await db.schema.createTable('concurrent_idx').addColumn('id', 'integer').execute()
        }),
        createMigration('002_index', async (db) => {
          await sql`create index concurrently concurrent_idx_id on concurrent_idx (id)`.execute(db)
        }, undefined, { transaction: false }),
      ])
      expect((await runner.up()).map((r) => r.name)).toEqual(['001_table', '002_index'])
    })
  }

  it('stops a rollback at a migration without down, before changing anything', async () => {
    const noDown = createMigration('002_no_down', async (db) => {
      await db.schema.createTable('t2').addColumn('id', 'integer').execute()
    })
    const runner = createMigrationRunner(db(), [...numbered(1), noDown])
    await runner.up()
    const error = await catchError(() => runner.reset())
    expect(error).toMatchObject({ code: 'MIGRATION_NOT_REVERSIBLE', migration: '002_no_down' })
    expect((await runner.status()).executed).toHaveLength(2)
    expect(await tableExists('t1')).toBe(true)
  })

  it('dryRun shows the SQL of pending migrations and changes nothing', async () => {
    const lines: string[] = []
    const logger = { debug: () => {}, info: (m: string) => lines.push(m), warn: () => {}, error: () => {} }
    const runner = createMigrationRunner(db(), numbered(2), { dryRun: true, logger })
    const results = await runner.up()
    expect(results.map((r) => r.status)).toEqual(['dry-run', 'dry-run'])
    expect(results[0]?.sql?.[0]).toMatch(/^create table [`"]t1[`"]/)
    expect(lines.join('\n')).toContain('create table')
    expect(await tableExists('t1')).toBe(false)
    expect(await tableExists('kysera_migrations')).toBe(false)
  })

  it('reports applied migrations missing from the code, and refuses duplicate names', async () => {
    await createMigrationRunner(db(), numbered(2)).up()
    const warnings: string[] = []
    const shorter = createMigrationRunner(db(), numbered(1), { logger: { debug: () => {}, info: () => {}, warn: (m: string) => warnings.push(m), error: () => {} } })
    expect(await shorter.status()).toMatchObject({ missing: ['002_t2'], pending: [] })
    await shorter.up()
    expect(warnings.join()).toContain('002_t2')
    const [first] = numbered(1)
    expect(() => createMigrationRunner(db(), [first as Migration, first as Migration])).toThrow('Duplicate migration name')
    expect(() => createMigrationRunner(db(), [{ name: '', up: async () => {} }])).toThrow(BadRequestError)
    expect(() => createMigrationRunner(db(), [], { tableName: 'x; drop table users' })).toThrow('Invalid tableName')
  })

  it('loads migrations from a directory, sorted by file name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kysera-migrations-'))
    writeFileSync(join(dir, '002_second.mjs'), `export async function up(db) { await db.schema.createTable('t2').addColumn('id', 'integer').execute() }\nexport async function down(db) { await db.schema.dropTable('t2').execute() }\n`)
    writeFileSync(join(dir, '001_first.js'), `export default { up: async (db) => { await db.schema.createTable('t1').addColumn('id', 'integer').execute() }, meta: { description: 'first' } }\n`)
    writeFileSync(join(dir, 'README.md'), 'not a migration')
    writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
    const migrations = await loadMigrations(dir)
    expect(migrations.map((m) => m.name)).toEqual(['001_first', '002_second'])
    expect(migrations[0]?.meta).toEqual({ description: 'first' })
    await createMigrationRunner(db(), migrations).up()
    expect(await tableExists('t2')).toBe(true)
    await expect(loadMigrations(join(dir, 'missing'))).rejects.toThrow('Cannot read the migrations directory')
  })

  it('loads .ts migrations when a TypeScript loader is active (vitest is one)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kysera-ts-migrations-'))
    writeFileSync(join(dir, '001_typed.ts'), `import type { Kysely } from 'kysely'\nexport async function up(db: Kysely<any>): Promise<void> { await db.schema.createTable('t1').addColumn('id', 'integer').execute() }\n`)
    const migrations = await loadMigrations(dir)
    expect(migrations.map((m) => m.name)).toEqual(['001_typed'])
    await createMigrationRunner(db(), migrations).up()
    expect(await tableExists('t1')).toBe(true)
  })
})
