// Cost of the three plugins on repository reads, and statement counts of audited bulk writes.
// Targets (issue #6, PostgreSQL): reads with soft delete + timestamps + audit ≤ 1.15× the same
// repository without plugins; an audited bulkUpdate of 1,000 rows sends as many statements as of 10.
import { sql, type Kysely } from 'kysely'
import { auditPlugin, createAuditTable, createORM, createRepository, softDeletePlugin, timestampsPlugin, type Dialect } from './subject.js'
import { openBenchDatabase, type AnyDB } from '../lib/databases.js'
import { measure, ms, ratio } from '../lib/measure.js'
import { StatementCounter } from '../lib/statement-counter.js'

const only = process.env.KYSERA_BENCH_DIALECTS?.split(',')

async function createTables(db: Kysely<AnyDB>, dialect: Dialect): Promise<void> {
  await db.schema.dropTable('bench_users').ifExists().execute()
  await db.schema.dropTable('bench_audit').ifExists().execute()
  const id = dialect === 'postgres' ? sql`id serial primary key` : dialect === 'mysql' ? sql`id integer auto_increment primary key` : sql`id integer primary key`
  const ts = sql.raw(dialect === 'postgres' ? 'timestamptz' : dialect === 'mysql' ? 'datetime(3)' : 'text')
  await sql`create table bench_users (${id}, email varchar(100) not null, name varchar(100), deleted_at ${ts}, created_at ${ts}, updated_at ${ts})`.execute(db)
  await createAuditTable(db, 'bench_audit')
}

console.log('reads: findById and find({ where, limit: 20 }) on 10,000 rows; 3,000 interleaved iterations, p50')
for (const dialect of (['sqlite', 'postgres', 'mysql'] as Dialect[]).filter((d) => only === undefined || only.includes(d))) {
  const db = await openBenchDatabase(dialect, 'kysera_bench')
  if (db === undefined) continue
  try {
    await createTables(db, dialect)
    const plain = createRepository(db, { tableName: 'bench_users' })
    await plain.bulkCreate(Array.from({ length: 10_000 }, (_, i) => ({ email: `u${i}@bench.io`, name: `User ${i % 100}` })))
    const plugins = () => [softDeletePlugin(), timestampsPlugin(), auditPlugin({ auditTable: 'bench_audit' })]
    const withPlugins = createORM(db, plugins()).createRepository({ tableName: 'bench_users' })
    let i = 0
    const id = () => (i++ % 10_000) + 1
    const byId = await measure(
      [
        { name: 'plain', run: () => plain.findById(id()) },
        { name: 'plugins', run: () => withPlugins.findById(id()) },
      ],
      { warmup: 200, iterations: 3000 },
    )
    const lists = await measure(
      [
        { name: 'plain', run: () => plain.find({ where: { name: `User ${i++ % 100}` }, limit: 20 }) },
        { name: 'plugins', run: () => withPlugins.find({ where: { name: `User ${i++ % 100}` }, limit: 20 }) },
      ],
      { warmup: 200, iterations: 3000 },
    )
    console.log(`\n${dialect}`)
    for (const [label, [p, w]] of [['findById', byId], ['find', lists]] as const) {
      if (p === undefined || w === undefined) continue
      console.log(`  ${label.padEnd(9)} no plugins ${ms(p.p50)}  three plugins ${ms(w.p50)}  → ${ratio(w.p50, p.p50)} (target ≤ 1.15×)`)
    }

    const counts: string[] = []
    for (const n of [10, 1000]) {
      const counter = new StatementCounter()
      const audited = createORM(db.withPlugin(counter), plugins()).createRepository({ tableName: 'bench_users' })
      const items = Array.from({ length: n }, (_, k) => ({ id: k + 1, data: { name: `bulk ${n}` } }))
      await audited.count() // plugins' onInit, outside the count
      // The first audited write on a Kysely instance reads the audit table's columns once (cached on the instance).
      await audited.bulkUpdate(items.slice(0, 1))
      counter.count = 0
      await audited.bulkUpdate(items)
      counts.push(`${n} rows: ${counter.count} statements`)
    }
    console.log(`  audited bulkUpdate  ${counts.join('; ')} (target: equal)`)
    await sql`drop table bench_users`.execute(db)
    await sql`drop table bench_audit`.execute(db)
  } finally {
    await db.destroy()
  }
}
