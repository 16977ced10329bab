// Applying 100 trivial migrations, then a no-op re-run: Kysera's runner (fleet-safe: a database lock
// around the run) against Kysely's own Migrator (a lock table), on the same database.
import { Migrator, sql, type Kysely, type Migration as KyselyMigration } from 'kysely'
import type { Dialect } from 'kysera/core'
import { createMigration, MigrationRunner } from 'kysera/migrations'
import type { AnyDB } from '../lib/databases.js'
import type { Libraries } from './libraries.js'
import type { Row } from './targets.js'

const COUNT = 100
const ROUNDS = 3
const names = Array.from({ length: COUNT }, (_, i) => `m${String(i).padStart(3, '0')}`)
const trivial = (i: number) => async (db: Kysely<AnyDB>) => {
  await sql`select ${sql.lit(i)}`.execute(db)
}

const KYSERA_TABLE = 'bench_kysera_migrations'
const KYSELY_TABLE = 'bench_kysely_migration'
const KYSELY_LOCK = 'bench_kysely_migration_lock'

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint()
  await fn()
  return Number(process.hrtime.bigint() - start) / 1e6
}

const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

export async function migrationRows(libs: Libraries, dialect: Dialect, label: string): Promise<Row[]> {
  const kysera = () => new MigrationRunner(libs.kysera, names.map((name, i) => createMigration(name, trivial(i))), { tableName: KYSERA_TABLE })
  const kysely = () =>
    new Migrator({
      db: libs.kysely,
      migrationTableName: KYSELY_TABLE,
      migrationLockTableName: KYSELY_LOCK,
      provider: { getMigrations: () => Promise.resolve(Object.fromEntries(names.map((name, i): [string, KyselyMigration] => [name, { up: trivial(i) }]))) },
    })
  const runKysely = async () => {
    const { error } = await kysely().migrateToLatest()
    if (error !== undefined) throw error
  }
  const samples = { kysera: { apply: [] as number[], rerun: [] as number[] }, kysely: { apply: [] as number[], rerun: [] as number[] } }
  for (let round = 0; round < ROUNDS; round++) {
    for (const table of [KYSERA_TABLE, KYSELY_TABLE, KYSELY_LOCK]) await libs.kysely.schema.dropTable(table).ifExists().execute()
    const pairs: [keyof typeof samples, () => Promise<unknown>][] = [['kysera', () => kysera().up()], ['kysely', runKysely]]
    if (round % 2 === 1) pairs.reverse()
    for (const [name, run] of pairs) samples[name].apply.push(await time(run))
    for (const [name, run] of pairs) samples[name].rerun.push(await time(run))
  }
  const result = {
    kysera: { apply: median(samples.kysera.apply), rerun: median(samples.kysera.rerun) },
    kysely: { apply: median(samples.kysely.apply), rerun: median(samples.kysely.rerun) },
  }
  console.log(`\n${COUNT} trivial migrations, then a no-op re-run — ${label}\n`)
  console.log('| runner | apply | vs Kysely Migrator | no-op re-run | vs Kysely Migrator |')
  console.log('|---|---|---|---|---|')
  for (const [name, r] of [['Kysely Migrator', result.kysely], ['kysera MigrationRunner', result.kysera]] as const) {
    console.log(`| ${name} | ${r.apply.toFixed(1)} ms | ${(r.apply / result.kysely.apply).toFixed(2)}× | ${r.rerun.toFixed(1)} ms | ${(r.rerun / result.kysely.rerun).toFixed(2)}× |`)
  }
  return [
    { dialect, workload: 'migrations apply', variant: 'kysera', p50: result.kysera.apply },
    { dialect, workload: 'migrations apply', variant: 'kysely', p50: result.kysely.apply },
  ]
}
