// Repository overhead and bulk-write throughput against hand-written code doing the same work.
// Targets (issue #5): findById and create ≤ 1.03× hand-written Kysely and ≤ 1.10× the raw driver
// (PostgreSQL, MariaDB); bulkCreate of 50,000 rows × 5 columns ≥ 0.9× the best hand-written statement
// and ≥ 20× single creates; bulkUpdate of 10,000 distinct rows ≥ 0.9× the best hand-written form and
// ≥ 15× single updates. A counting plugin shows how many statements each bulk call sent.
import { sql, type Kysely } from 'kysely'
import { createRepository, detectDialect, type Dialect } from './subject.js'
import { openBenchDriver, type AnyDB, type RawQuery } from '../lib/databases.js'
import { measure, ms, ratio } from '../lib/measure.js'
import { StatementCounter } from '../lib/statement-counter.js'

const BULK_ROWS = Number(process.env.KYSERA_BENCH_BULK_ROWS ?? 50_000)
const UPDATE_ROWS = Number(process.env.KYSERA_BENCH_UPDATE_ROWS ?? 10_000)
const SINGLE_SAMPLE = 1000
const only = process.env.KYSERA_BENCH_DIALECTS?.split(',')

const row = (i: number, tag: string) => ({ email: `${tag}-${i}@bench.io`, name: `Person ${i}`, age: (i % 80) + 18, score: i * 7, note: `note ${i % 97}` })

async function createTable(db: Kysely<AnyDB>, dialect: Dialect): Promise<void> {
  await db.schema.dropTable('bench_people').ifExists().execute()
  const id = dialect === 'postgres' ? sql`id serial primary key` : dialect === 'mysql' ? sql`id integer auto_increment primary key` : sql`id integer primary key`
  await sql`create table bench_people (${id}, email varchar(100) not null, name varchar(100) not null, age integer not null, score integer not null, note varchar(100) not null)`.execute(db)
}

/** Seconds taken by `fn`. */
async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now()
  await fn()
  return (performance.now() - start) / 1000
}

/** The best hand-written bulk insert for each database, returning the inserted rows as the repository does. */
async function handWrittenBulkInsert(db: Kysely<AnyDB>, raw: RawQuery, dialect: Dialect, rows: ReturnType<typeof row>[]): Promise<unknown[]> {
  const columns = ['email', 'name', 'age', 'score', 'note'] as const
  if (dialect === 'postgres') {
    const arrays = columns.map((c) => rows.map((r) => r[c]))
    return raw(
      'insert into bench_people (email, name, age, score, note) select * from unnest($1::varchar[], $2::varchar[], $3::int[], $4::int[], $5::varchar[]) returning *',
      arrays,
    )
  }
  const perStatement = Math.floor((dialect === 'sqlite' ? 32_766 : 65_535) / columns.length)
  const out: unknown[] = []
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      const part = rows.slice(i, i + perStatement)
      if (dialect === 'sqlite') {
        out.push(...(await trx.insertInto('bench_people').values(part).returningAll().execute()))
      } else {
        const result = await trx.insertInto('bench_people').values(part).executeTakeFirstOrThrow()
        const first = Number(result.insertId)
        out.push(...(await trx.selectFrom('bench_people').selectAll().where('id', '>=', first).where('id', '<', first + part.length).execute()))
      }
    }
  })
  return out
}

/** The best hand-written bulk update with a distinct value per row, returning the updated rows as the repository does. */
async function handWrittenBulkUpdate(db: Kysely<AnyDB>, raw: RawQuery, dialect: Dialect, ids: number[]): Promise<unknown[]> {
  if (dialect === 'postgres') {
    return raw('update bench_people p set score = u.score, name = u.name from unnest($1::int[], $2::int[], $3::varchar[]) as u(id, score, name) where p.id = u.id returning p.*', [
      ids,
      ids.map((id) => id * 3),
      ids.map((id) => `hand ${id}`),
    ])
  }
  if (dialect === 'sqlite') {
    // One statement per row inside one transaction, prepared once: the form DESIGN §4.3 names for SQLite.
    const out: unknown[] = []
    await raw('begin', [])
    for (const id of ids) out.push(...(await raw('update bench_people set score = ?, name = ? where id = ? returning *', [id * 3, `hand ${id}`, id])))
    await raw('commit', [])
    return out
  }
  const perStatement = Math.floor(65_535 / 3)
  const out: unknown[] = []
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < ids.length; i += perStatement) {
      const part = ids.slice(i, i + perStatement)
      // MariaDB's table value constructor: one query block, where `select … union all …` is one per row.
      const derived = sql.join(part.map((id) => sql`(${id}, ${id * 3}, ${`hand ${id}`})`))
      await sql`update bench_people p join (with r(id, score, name) as (values ${derived}) select * from r) u on u.id = p.id set p.score = u.score, p.name = u.name`.execute(trx)
      out.push(...(await trx.selectFrom('bench_people').selectAll().where('id', 'in', part).execute()))
    }
  })
  return out
}

/** Best of `rounds` runs (seconds), alternating with `reset` before each: single runs of a bulk write are noisy. */
async function best(rounds: number, reset: () => Promise<void>, fn: () => Promise<unknown>): Promise<number> {
  let fastest = Number.POSITIVE_INFINITY
  for (let r = 0; r < rounds; r++) {
    await reset()
    fastest = Math.min(fastest, await time(fn))
  }
  return fastest
}

console.log(`bulk: ${BULK_ROWS.toLocaleString('en')} rows × 5 columns; bulkUpdate: ${UPDATE_ROWS.toLocaleString('en')} rows; single-call baselines from ${SINGLE_SAMPLE} calls`)
for (const dialect of (['sqlite', 'postgres', 'mysql'] as Dialect[]).filter((d) => only === undefined || only.includes(d))) {
  const opened = await openBenchDriver(dialect, 'kysera_bench')
  if (opened === undefined) continue
  const { db, raw } = opened
  try {
    await createTable(db, dialect)
    const counter = new StatementCounter()
    const repo = createRepository(db.withPlugin(counter), { tableName: 'bench_people' })
    const plainRepo = createRepository(db, { tableName: 'bench_people' })
    const placeholder = (n: number) => (dialect === 'postgres' ? `$${n}` : '?')
    const returning = detectDialect(db) !== 'mysql'

    // --- findById and create -------------------------------------------------------------
    await plainRepo.bulkCreate(Array.from({ length: 10_000 }, (_, i) => row(i, 'seed')))
    let i = 0
    const nextId = () => (i++ % 10_000) + 1
    const lookups = await measure(
      [
        { name: 'repository', run: () => plainRepo.findById(nextId()) },
        { name: 'kysely', run: () => db.selectFrom('bench_people').selectAll().where('id', '=', nextId()).executeTakeFirst() },
        { name: 'driver', run: () => raw(`select * from bench_people where id = ${placeholder(1)}`, [nextId()]) },
      ],
      { warmup: 200, iterations: 3000 },
    )
    let n = 0
    const creates = await measure(
      [
        { name: 'repository', run: () => plainRepo.create(row(n++, 'c')) },
        {
          name: 'kysely',
          run: async () => {
            if (returning) return db.insertInto('bench_people').values(row(n++, 'c')).returningAll().executeTakeFirst()
            const r = await db.insertInto('bench_people').values(row(n++, 'c')).executeTakeFirstOrThrow()
            return db.selectFrom('bench_people').selectAll().where('id', '=', Number(r.insertId)).executeTakeFirst()
          },
        },
        {
          name: 'driver',
          run: async () => {
            const v = row(n++, 'c')
            const params = [v.email, v.name, v.age, v.score, v.note]
            const insert = `insert into bench_people (email, name, age, score, note) values (${[1, 2, 3, 4, 5].map(placeholder).join(', ')})`
            if (returning) return raw(`${insert} returning *`, params)
            await raw(insert, params)
            return raw('select * from bench_people where id = last_insert_id()', [])
          },
        },
      ],
      { warmup: 100, iterations: 1500 },
    )
    console.log(`\n${dialect}`)
    for (const [label, [r, k, d]] of [['findById', lookups], ['create', creates]] as const) {
      if (r === undefined || k === undefined || d === undefined) continue
      console.log(`  ${label.padEnd(9)} repository ${ms(r.p50)}  kysely ${ms(k.p50)} (${ratio(r.p50, k.p50)})  driver ${ms(d.p50)} (${ratio(r.p50, d.p50)})`)
    }

    // --- bulkCreate ----------------------------------------------------------------------
    const bulkRows = Array.from({ length: BULK_ROWS }, (_, k) => row(k, 'bulk'))
    const fresh = () => createTable(db, dialect)
    counter.count = 0
    await fresh()
    await repo.bulkCreate(bulkRows)
    const bulkStatements = counter.count
    const repoBulk = await best(3, fresh, () => plainRepo.bulkCreate(bulkRows))
    const handBulk = await best(3, fresh, () => handWrittenBulkInsert(db, raw, dialect, bulkRows))
    await createTable(db, dialect)
    const singleCreates = await time(async () => {
      for (let k = 0; k < SINGLE_SAMPLE; k++) await plainRepo.create(row(k, 'single'))
    })
    const rate = (rows: number, seconds: number) => rows / seconds
    console.log(
      `  bulkCreate ${rate(BULK_ROWS, repoBulk).toFixed(0)} rows/s in ${bulkStatements} statements; hand-written ${rate(BULK_ROWS, handBulk).toFixed(0)} rows/s → ${ratio(rate(BULK_ROWS, repoBulk), rate(BULK_ROWS, handBulk))} (target ≥ 0.90×); single creates ${rate(SINGLE_SAMPLE, singleCreates).toFixed(0)} rows/s → ${ratio(rate(BULK_ROWS, repoBulk), rate(SINGLE_SAMPLE, singleCreates))} (target ≥ 20×)`,
    )

    // --- bulkUpdate ----------------------------------------------------------------------
    await createTable(db, dialect)
    await plainRepo.bulkCreate(Array.from({ length: UPDATE_ROWS }, (_, k) => row(k, 'upd')))
    const ids = Array.from({ length: UPDATE_ROWS }, (_, k) => k + 1)
    const items = ids.map((id) => ({ id, data: { score: id * 2, name: `bulk ${id}` } }))
    // Counted on a second call: the first may read a one-time capability of the database (SQLite's version).
    await repo.bulkUpdate(items)
    counter.count = 0
    await repo.bulkUpdate(items)
    const updateStatements = counter.count
    const noReset = () => Promise.resolve()
    const repoUpdate = await best(3, noReset, () => plainRepo.bulkUpdate(items))
    const handUpdate = await best(3, noReset, () => handWrittenBulkUpdate(db, raw, dialect, ids))
    const singleUpdates = await time(async () => {
      for (let k = 1; k <= SINGLE_SAMPLE; k++) await plainRepo.update(k, { score: k, name: `single ${k}` })
    })
    console.log(
      `  bulkUpdate ${rate(UPDATE_ROWS, repoUpdate).toFixed(0)} rows/s in ${updateStatements} statements; hand-written ${rate(UPDATE_ROWS, handUpdate).toFixed(0)} rows/s → ${ratio(rate(UPDATE_ROWS, repoUpdate), rate(UPDATE_ROWS, handUpdate))} (target ≥ 0.90×); single updates ${rate(SINGLE_SAMPLE, singleUpdates).toFixed(0)} rows/s → ${ratio(rate(UPDATE_ROWS, repoUpdate), rate(SINGLE_SAMPLE, singleUpdates))} (target ≥ 15×)`,
    )
    await sql`drop table bench_people`.execute(db)
  } finally {
    await db.destroy()
  }
}
