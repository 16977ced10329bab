// Keyset vs offset pagination on 1,000,000 rows with an index on (created_at, id), per database.
// Target (issue #3): a keyset page at depth 990,000 within 1.2× of the first page, asc and desc.
import { paginateCursor, type CursorOrderBy, type Dialect } from '../../src/core/index.js'
import { sql, type Kysely } from 'kysely'
import { openBenchDatabase, type AnyDB } from '../lib/databases.js'
import { measure, ms, pair, ratio } from '../lib/measure.js'

const ROWS = Number(process.env.KYSERA_BENCH_ROWS ?? 1_000_000)
const DEPTH = Math.floor(ROWS * 0.99)
const LIMIT = 20

async function seed(db: Kysely<AnyDB>, dialect: Dialect): Promise<void> {
  const existing = await db.selectFrom('bench_events').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst().catch(() => undefined)
  if (Number(existing?.n ?? -1) === ROWS) return
  await db.schema.dropTable('bench_events').ifExists().execute()
  const ts = { postgres: 'timestamptz', mysql: 'datetime(6)', sqlite: 'text' }[dialect]
  const id = dialect === 'postgres' ? sql`id bigserial primary key` : dialect === 'mysql' ? sql`id bigint auto_increment primary key` : sql`id integer primary key`
  await sql`create table bench_events (${id}, created_at ${sql.raw(ts)} not null, payload varchar(40) not null)`.execute(db)
  // Two rows share every timestamp, so the id tie-breaker matters.
  if (dialect === 'postgres') {
    await sql`insert into bench_events (created_at, payload) select timestamptz '2024-01-01' + (g / 2) * interval '1 second' + (g % 7) * interval '1 microsecond', md5(g::text) from generate_series(1, ${ROWS}) g`.execute(db)
  } else if (dialect === 'mysql') {
    await sql`insert into bench_events (created_at, payload) select timestamp '2024-01-01 00:00:00' + interval (seq div 2) second + interval (seq % 7) microsecond, md5(seq) from seq_1_to_${sql.raw(String(ROWS))}`.execute(db)
  } else {
    await sql`with recursive s(g) as (select 1 union all select g + 1 from s where g < ${ROWS}) insert into bench_events (created_at, payload) select strftime('%Y-%m-%d %H:%M:%f', '2024-01-01', '+' || (g / 2) || ' seconds'), hex(randomblob(8)) from s`.execute(db)
  }
  await sql`create index bench_events_created_id on bench_events (created_at, id)`.execute(db)
  if (dialect === 'postgres') await sql`analyze bench_events`.execute(db)
  if (dialect === 'mysql') await sql`analyze table bench_events`.execute(db)
  if (dialect === 'sqlite') await sql`analyze`.execute(db)
}

async function cursorAtDepth(db: Kysely<AnyDB>, orderBy: CursorOrderBy[]): Promise<string> {
  const step = 10_000
  let cursor: string | undefined
  for (let walked = 0; walked < DEPTH; walked += step) {
    const page = await paginateCursor(db.selectFrom('bench_events').select('id'), { db, orderBy, limit: Math.min(step, DEPTH - walked), maxLimit: step, ...(cursor ? { cursor } : {}) })
    cursor = page.pagination.nextCursor
  }
  if (cursor === undefined) throw new Error('no cursor at depth')
  return cursor
}

const only = process.env.KYSERA_BENCH_DIALECTS?.split(',')
for (const dialect of (['sqlite', 'postgres', 'mysql'] as Dialect[]).filter((d) => only === undefined || only.includes(d))) {
  const db = await openBenchDatabase(dialect, 'kysera_bench')
  if (db === undefined) continue
  try {
    const seedStart = Date.now()
    await seed(db, dialect)
    console.log(`\n${dialect}: ${ROWS.toLocaleString('en')} rows ready (${((Date.now() - seedStart) / 1000).toFixed(1)} s)`)
    console.log('  direction  keyset first   keyset @990k   ratio  | offset first   offset @990k   ratio')
    for (const direction of ['asc', 'desc'] as const) {
      const orderBy: CursorOrderBy[] = [{ column: 'created_at', direction }, { column: 'id', direction }]
      const deep = await cursorAtDepth(db, orderBy)
      const query = () => db.selectFrom('bench_events').selectAll()
      const keyset = await measure([
        { name: 'first', run: () => paginateCursor(query(), { db, orderBy, limit: LIMIT }) },
        { name: 'deep', run: () => paginateCursor(query(), { db, orderBy, limit: LIMIT, cursor: deep }) },
      ])
      const ordered = () => query().orderBy('created_at', direction).orderBy('id', direction).limit(LIMIT)
      const offset = await measure(
        [
          { name: 'first', run: () => ordered().offset(0).execute() },
          { name: 'deep', run: () => ordered().offset(DEPTH).execute() },
        ],
        { warmup: 2, iterations: 10 },
      )
      const [kf, kd] = pair(keyset)
      const [of, od] = pair(offset)
      const verdict = kd.p50 / kf.p50 <= 1.2 ? 'ok' : 'OVER TARGET (1.2×)'
      console.log(
        `  ${direction.padEnd(9)}  ${ms(kf.p50).padEnd(13)}  ${ms(kd.p50).padEnd(13)}  ${ratio(kd.p50, kf.p50).padEnd(6)} | ${ms(of.p50).padEnd(13)}  ${ms(od.p50).padEnd(13)}  ${ratio(od.p50, of.p50)}   keyset: ${verdict}`,
      )
    }
  } finally {
    await db.destroy()
  }
}
