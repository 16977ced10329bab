// Keyset vs offset pagination on 1,000,000 rows with an index on (created_at, id), per database.
// Target (issue #3): a keyset page at depth 990,000 within 1.2× of the first page, asc and desc.
// Depths 0 / 10,000 / 100,000 / 990,000 (issue #9), against a hand-written Kysely seek, the raw driver,
// drizzle-orm (offset) and @kysera/repository 0.8.
import { paginate, paginateCursor, type CursorOrderBy, type Dialect } from 'kysera/core'
import { sql, type Kysely } from 'kysely'
import { openBenchDatabase, type AnyDB } from '../lib/databases.js'
import { openDrivers } from '../lib/drivers.js'
import { measure, ms, pairedRatio, perCall, ratio, type Timing } from '../lib/measure.js'
import { pagePeers } from './peers.js'

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

/** Where a page starts: Kysera's cursor and, for the hand-written seek, the last row before it. */
interface Start {
  depth: number
  cursor?: string
  after?: { created_at: unknown; id: unknown }
}

/** Walks the table once (10,000-row pages) and keeps the start of a page at each of `depths`. */
async function startsAt(db: Kysely<AnyDB>, orderBy: CursorOrderBy[], depths: number[]): Promise<Start[]> {
  const step = 10_000
  const starts: Start[] = depths.includes(0) ? [{ depth: 0 }] : []
  let cursor: string | undefined
  for (let walked = 0; walked < Math.max(...depths); ) {
    const target = depths.find((d) => d > walked) as number
    const page = await paginateCursor(db.selectFrom('bench_events').select(['created_at', 'id']), { db, orderBy, limit: Math.min(step, target - walked), maxLimit: step, ...(cursor ? { cursor } : {}) })
    walked += page.data.length
    cursor = page.pagination.nextCursor
    const last = page.data.at(-1) as { created_at: unknown; id: unknown }
    if (walked === target) starts.push({ depth: walked, ...(cursor ? { cursor } : {}), after: last })
  }
  return starts
}

/** The seek a careful hand-written keyset query uses: a row value where it seeks an index (PostgreSQL, SQLite), the expanded form on MySQL. */
function handWrittenSeek(db: Kysely<AnyDB>, dialect: Dialect, direction: 'asc' | 'desc', start: Start) {
  let q = db.selectFrom('bench_events').selectAll().orderBy('created_at', direction).orderBy('id', direction).limit(LIMIT + 1)
  if (start.after === undefined) return q
  const { created_at: at, id } = start.after
  const op = sql.raw(direction === 'asc' ? '>' : '<')
  q = dialect === 'mysql' ? q.where(sql<boolean>`created_at ${op} ${at} or (created_at = ${at} and id ${op} ${id})`) : q.where(sql<boolean>`(created_at, id) ${op} (${at}, ${id})`)
  return q
}

const DEPTHS = [0, 10_000, 100_000, DEPTH].filter((d, i, all) => d <= DEPTH && all.indexOf(d) === i)

const only = process.env.KYSERA_BENCH_DIALECTS?.split(',')
for (const dialect of (['sqlite', 'postgres', 'mysql'] as Dialect[]).filter((d) => only === undefined || only.includes(d))) {
  const db = await openBenchDatabase(dialect, 'kysera_bench')
  const drivers = db === undefined ? undefined : await openDrivers(dialect, 'kysera_bench')
  if (db === undefined || drivers === undefined) continue
  const peers = pagePeers(drivers, db)
  try {
    const seedStart = Date.now()
    await seed(db, dialect)
    console.log(`\n${dialect}: ${ROWS.toLocaleString('en')} rows ready (${((Date.now() - seedStart) / 1000).toFixed(1)} s)`)
    for (const direction of ['asc', 'desc'] as const) {
      const orderBy: CursorOrderBy[] = [{ column: 'created_at', direction }, { column: 'id', direction }]
      const starts = await startsAt(db, orderBy, DEPTHS)
      const query = () => db.selectFrom('bench_events').selectAll()
      const keyset = await measure(
        starts.flatMap((start) => [
          { name: `kysera ${start.depth}`, run: () => paginateCursor(query(), { db, orderBy, limit: LIMIT, ...(start.cursor ? { cursor: start.cursor } : {}) }) },
          { name: `hand ${start.depth}`, run: () => handWrittenSeek(db, dialect, direction, start).execute() },
          { name: `driver ${start.depth}`, run: () => peers.driverSeek(direction, start.after, LIMIT) },
          { name: `@kysera ${start.depth}`, run: () => peers.kyseraPackageCursor(direction, start.after, LIMIT) },
        ]),
      )
      // paginateCursor alone, first page against the deepest, each timed over a batch of consecutive
      // calls: the interleaved figures above include the cache eviction of the variants that scan
      // (@kysera's seek, the offsets), which lands on whichever page runs after them.
      const deepest = starts.find((s) => s.depth === DEPTH) as Start
      const alone = await perCall(
        [
          { name: 'first', run: () => paginateCursor(query(), { db, orderBy, limit: LIMIT }) },
          { name: 'deepest', run: () => paginateCursor(query(), { db, orderBy, limit: LIMIT, ...(deepest.cursor ? { cursor: deepest.cursor } : {}) }) },
        ],
        { batch: 500, rounds: 15 },
      )
      const ordered = () => query().orderBy('created_at', direction).orderBy('id', direction).limit(LIMIT)
      const offset = await measure(
        starts.flatMap((start) => [
          { name: `kysely ${start.depth}`, run: () => ordered().offset(start.depth).execute() },
          { name: `driver ${start.depth}`, run: () => peers.driverOffset(direction, start.depth, LIMIT) },
          { name: `drizzle ${start.depth}`, run: () => peers.drizzleOffset(direction, start.depth, LIMIT) },
        ]),
        { warmup: 2, iterations: 10 },
      )
      // Offset pages with the total, as both repositories' paginate return it (a COUNT over the table).
      const counted = await measure(
        starts.flatMap((start) => [
          { name: `kysera ${start.depth}`, run: () => paginate(query().orderBy('created_at', direction).orderBy('id', direction), { page: start.depth / LIMIT + 1, limit: LIMIT }) },
          { name: `@kysera ${start.depth}`, run: () => peers.kyseraPackagePaginate(direction, start.depth, LIMIT) },
        ]),
        { warmup: 2, iterations: 10 },
      )
      const at = (timings: Timing[], name: string) => (timings.find((t) => t.name === name) as Timing).p50
      console.log(`\n  ${direction}, keyset: | depth | paginateCursor | vs first page | hand-written seek (Kysely) | raw driver seek | @kysera paginateCursor |`)
      console.log('  |---|---|---|---|---|---|')
      for (const { depth } of starts) {
        const k = at(keyset, `kysera ${depth}`)
        const verdict = depth === DEPTH ? (k / at(keyset, 'kysera 0') <= 1.2 ? ' (target 1.2×: met)' : ' (target 1.2×: **not met**)') : ''
        const cell = (name: string) => `${ms(at(keyset, `${name} ${depth}`))} (${ratio(at(keyset, `${name} ${depth}`), k)})`
        console.log(`  | ${depth.toLocaleString('en')} | ${ms(k)} | ${ratio(k, at(keyset, 'kysera 0'))}${verdict} | ${cell('hand')} | ${cell('driver')} | ${cell('@kysera')} |`)
      }
      const [first, deep] = alone.map((t) => t.p50) as [number, number]
      const paired = pairedRatio(alone[0] as Timing & { rounds: number[] }, alone[1] as Timing & { rounds: number[] })
      console.log(
        `\n  ${direction}, paginateCursor alone, per call over batches of 500: first page ${ms(first)}, depth ${DEPTH.toLocaleString('en')} ${ms(deep)} → ${ratio(deep, first)}; median of the rounds' own ratios ${paired.toFixed(2)}× (${paired <= 1.2 ? 'target 1.2×: met' : 'target 1.2×: **not met**'})`,
      )
      console.log(`\n  ${direction}, offset: | depth | Kysely | vs first page | raw driver | drizzle-orm | with total: kysera paginate | @kysera paginate |`)
      console.log('  |---|---|---|---|---|---|---|')
      for (const { depth } of starts) {
        const o = at(offset, `kysely ${depth}`)
        console.log(`  | ${depth.toLocaleString('en')} | ${ms(o)} | ${ratio(o, at(offset, 'kysely 0'))} | ${ms(at(offset, `driver ${depth}`))} | ${ms(at(offset, `drizzle ${depth}`))} | ${ms(at(counted, `kysera ${depth}`))} | ${ms(at(counted, `@kysera ${depth}`))} |`)
      }
    }
  } finally {
    await drivers.close()
    await db.destroy()
  }
}
