// The peer benchmark's workloads: each lists, per library, code doing the same work and returning the
// same rows. "driver" is hand-written SQL on the raw driver in its best form; a library that does not
// offer an operation has no variant there.
/* eslint-disable @typescript-eslint/no-explicit-any -- peers are called through their own loose typings */
import { eq, gt, inArray } from 'drizzle-orm'
import { withTransaction, type Dialect } from 'kysera/core'
import type { Variant } from '../lib/measure.js'
import type { Libraries } from './libraries.js'
import { person, SEED_ROWS, TABLE, type PersonInput } from './schema.js'

export interface LatencyWorkload {
  kind: 'latency'
  name: string
  variants: (libs: Libraries) => Variant[]
}

/** A bulk write: `prepare` (untimed) puts the table in its starting state before every timed `run`. */
export interface BulkWorkload {
  kind: 'bulk'
  name: string
  rows: number
  variants: (libs: Libraries) => BulkVariant[]
}

/** `rows`: rows one run writes, when not the workload's (a sample of single calls). */
export type BulkVariant = Variant & { prepare: () => Promise<void>; rows?: number }

export type Workload = LatencyWorkload | BulkWorkload

const placeholder = (dialect: Dialect) => (i: number) => (dialect === 'postgres' ? `$${i}` : '?')
const placeholders = (dialect: Dialect, from: number, count: number) => Array.from({ length: count }, (_, i) => placeholder(dialect)(from + i)).join(', ')

/** A random seed row that is not soft-deleted (every tenth is). */
const visibleId = (): number => {
  const id = 1 + Math.floor(Math.random() * SEED_ROWS)
  return id % 10 === 0 ? id - 1 : id
}

let sequence = 0
const fresh = (tag: string): PersonInput => person(++sequence, `${tag}-${process.pid}`)
const personRows = (n: number, tag: string): PersonInput[] => Array.from({ length: n }, () => fresh(tag))
const COLUMNS = 'email, name, age, score, note'
const values = (r: PersonInput) => [r.email, r.name, r.age, r.score, r.note]

/** MySQL has no RETURNING: the hand-written form inserts and reads back by the insert id, as the repositories do. */
async function mysqlInsertReturning(libs: Libraries, rows: PersonInput[]): Promise<unknown[]> {
  const pool = (libs.drivers.mysql as NonNullable<Libraries['drivers']['mysql']>).promise()
  const [result] = (await pool.query(`insert into ${TABLE} (${COLUMNS}) values ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, rows.flatMap(values))) as any
  const [read] = await pool.query(`select * from ${TABLE} where id between ? and ?`, [result.insertId, result.insertId + rows.length - 1])
  return read as unknown[]
}

const primaryKeyLookup: LatencyWorkload = {
  kind: 'latency',
  name: 'primary-key lookup',
  variants: (l) => {
    const { dialect } = l.drivers
    const text = `select * from ${TABLE} where id = ${placeholder(dialect)(1)}`
    return [
      { name: 'driver', run: () => l.drivers.raw(text, [visibleId()]) },
      { name: 'kysely', run: () => l.kysely.selectFrom(TABLE).selectAll().where('id', '=', visibleId()).executeTakeFirst() },
      { name: 'drizzle-orm', run: () => l.drizzle.select().from(l.table).where(eq(l.table.id, visibleId())) },
      { name: '@kysera/repository', run: () => l.pkg.repo.findById(visibleId()) },
      { name: 'kysera repository', run: () => l.repo.findById(visibleId()) },
      ...(dialect === 'sqlite' ? [{ name: 'kysely + kysera statement cache', run: () => l.kysera.selectFrom(TABLE).selectAll().where('id', '=', visibleId()).executeTakeFirst() }] : []),
    ]
  },
}

const list100: LatencyWorkload = {
  kind: 'latency',
  name: '100-row filtered, ordered list',
  variants: (l) => {
    const { dialect } = l.drivers
    const age = () => 20 + Math.floor(Math.random() * 60)
    return [
      { name: 'driver', run: () => l.drivers.raw(`select * from ${TABLE} where age > ${placeholder(dialect)(1)} order by id limit 100`, [age()]) },
      { name: 'kysely', run: () => l.kysely.selectFrom(TABLE).selectAll().where('age', '>', age()).orderBy('id').limit(100).execute() },
      { name: 'drizzle-orm', run: () => l.drizzle.select().from(l.table).where(gt(l.table.age, age())).orderBy(l.table.id).limit(100) },
      { name: '@kysera/repository', run: () => l.pkg.repo.find({ where: { age: { $gt: age() } }, orderBy: 'id', limit: 100 }) },
      { name: 'kysera repository', run: () => l.repo.find({ where: { age: { $gt: age() } }, orderBy: { column: 'id' }, limit: 100 }) },
    ]
  },
}

const createOne: LatencyWorkload = {
  kind: 'latency',
  name: 'create one row (returning it)',
  variants: (l) => {
    const { dialect } = l.drivers
    const returning = dialect !== 'mysql'
    return [
      {
        name: 'driver',
        run: () => (returning ? l.drivers.raw(`insert into ${TABLE} (${COLUMNS}) values (${placeholders(dialect, 1, 5)}) returning *`, values(fresh('drv'))) : mysqlInsertReturning(l, [fresh('drv')])),
      },
      {
        name: 'kysely',
        run: async () => {
          if (returning) return l.kysely.insertInto(TABLE).values(fresh('ky')).returningAll().executeTakeFirst()
          const { insertId } = await l.kysely.insertInto(TABLE).values(fresh('ky')).executeTakeFirstOrThrow()
          return l.kysely.selectFrom(TABLE).selectAll().where('id', '=', Number(insertId)).executeTakeFirst()
        },
      },
      {
        name: 'drizzle-orm',
        run: async () => {
          if (returning) return l.drizzle.insert(l.table).values(fresh('dz')).returning()
          const [{ id }] = await l.drizzle.insert(l.table).values(fresh('dz')).$returningId()
          return l.drizzle.select().from(l.table).where(eq(l.table.id, id))
        },
      },
      { name: '@kysera/repository', run: () => l.pkg.repo.create(fresh('pkg')) },
      { name: 'kysera repository', run: () => l.repo.create(fresh('ks')) },
      { name: '@kysera/repository + audit', run: () => l.pkg.auditRepo.create(fresh('pkga')) },
      { name: 'kysera repository + audit', run: () => l.auditRepo.create(fresh('ksa')) },
    ]
  },
}

const transaction: LatencyWorkload = {
  kind: 'latency',
  name: 'transaction: begin + lookup + commit',
  variants: (l) => {
    const text = `select * from ${TABLE} where id = ${placeholder(l.drivers.dialect)(1)}`
    const lookup = (db: typeof l.kysely) => db.selectFrom(TABLE).selectAll().where('id', '=', visibleId()).executeTakeFirst()
    return [
      { name: 'driver', run: () => l.drivers.rawTransaction((raw) => raw(text, [visibleId()])) },
      { name: 'kysely', run: () => l.kysely.transaction().execute((trx) => lookup(trx)) },
      {
        name: 'drizzle-orm',
        // drizzle's better-sqlite3 transactions are synchronous: the callback must not return a promise.
        run: () =>
          l.drivers.dialect === 'sqlite'
            ? Promise.resolve(l.drizzle.transaction((tx: any) => tx.select().from(l.table).where(eq(l.table.id, visibleId())).all()))
            : l.drizzle.transaction((tx: any) => tx.select().from(l.table).where(eq(l.table.id, visibleId()))),
      },
      { name: 'kysera withTransaction', run: () => withTransaction(l.kysera, (trx) => lookup(trx)) },
    ]
  },
}

const softDeleteRead: LatencyWorkload = {
  kind: 'latency',
  name: 'soft-delete filtered lookup',
  variants: (l) => [
    // Same Kysely instance for the hand-written filter and the plugin, so the filter is the only difference.
    { name: 'hand-written deleted_at is null', run: () => l.kysera.selectFrom(TABLE).selectAll().where('id', '=', visibleId()).where('deleted_at', 'is', null).executeTakeFirst() },
    { name: 'kysera softDelete kyselyPlugin', run: () => l.softKysely.selectFrom(TABLE).selectAll().where('id', '=', visibleId()).executeTakeFirst() },
    { name: 'kysera repository + softDelete', run: () => l.softRepo.findById(visibleId()) },
    { name: '@kysera/repository + soft-delete', run: () => l.pkg.softRepo.findById(visibleId()) },
  ],
}

const debugPlugin: LatencyWorkload = {
  kind: 'latency',
  name: 'debug plugin off / on (logging off), primary-key lookup',
  variants: (l) => [
    { name: 'kysely', run: () => l.kysely.selectFrom(TABLE).selectAll().where('id', '=', visibleId()).executeTakeFirst() },
    { name: 'kysely + withDebug', run: () => l.debugKysely.selectFrom(TABLE).selectAll().where('id', '=', visibleId()).executeTakeFirst() },
  ],
}

/** Deletes every row a bulk workload added, leaving the seed rows. */
const dropAdded = (l: Libraries) => async (): Promise<void> => {
  await l.kysely.deleteFrom(TABLE).where('id', '>', SEED_ROWS).execute()
}

const BULK_INSERT_ROWS = 50_000
const bulkInsert: BulkWorkload = {
  kind: 'bulk',
  name: `bulk insert ${BULK_INSERT_ROWS.toLocaleString('en')} rows × 5 columns (returning them)`,
  rows: BULK_INSERT_ROWS,
  variants: (l) => {
    const { dialect } = l.drivers
    const rows = () => personRows(BULK_INSERT_ROWS, 'bulk')
    const prepare = dropAdded(l)
    // Under each dialect's bind-parameter limit: PostgreSQL 65,535, SQLite 32,766, MySQL 65,535.
    const perStatement = Math.floor((dialect === 'sqlite' ? 32_766 : 65_535) / 5)
    const chunks = <T>(all: T[]): T[][] => Array.from({ length: Math.ceil(all.length / perStatement) }, (_, i) => all.slice(i * perStatement, (i + 1) * perStatement))
    const driver = async (): Promise<unknown[]> => {
      const all = rows()
      if (dialect === 'postgres') {
        return l.drivers.raw(`insert into ${TABLE} (${COLUMNS}) select * from unnest($1::varchar[], $2::varchar[], $3::int[], $4::int[], $5::varchar[]) returning *`, [
          all.map((r) => r.email), all.map((r) => r.name), all.map((r) => r.age), all.map((r) => r.score), all.map((r) => r.note),
        ])
      }
      if (dialect === 'mysql') {
        const out: unknown[] = []
        for (const part of chunks(all)) out.push(...(await mysqlInsertReturning(l, part)))
        return out
      }
      return l.drivers.rawTransaction(async (raw) => {
        const out: unknown[] = []
        for (const part of chunks(all)) out.push(...(await raw(`insert into ${TABLE} (${COLUMNS}) values ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')} returning *`, part.flatMap(values))))
        return out
      })
    }
    return [
      { name: 'driver', prepare, run: driver },
      {
        name: 'kysely',
        prepare,
        run: () =>
          l.kysely.transaction().execute(async (trx) => {
            const out: unknown[] = []
            for (const part of chunks(rows())) {
              if (dialect !== 'mysql') out.push(...(await trx.insertInto(TABLE).values(part).returningAll().execute()))
              else {
                const { insertId } = await trx.insertInto(TABLE).values(part).executeTakeFirstOrThrow()
                out.push(...(await trx.selectFrom(TABLE).selectAll().where('id', '>=', Number(insertId)).where('id', '<', Number(insertId) + part.length).execute()))
              }
            }
            return out
          }),
      },
      {
        name: 'drizzle-orm',
        prepare,
        run: () =>
          dialect === 'sqlite'
            ? Promise.resolve(l.drizzle.transaction((tx: any) => chunks(rows()).flatMap((part) => tx.insert(l.table).values(part).returning().all())))
            : l.drizzle.transaction(async (tx: any) => {
              const out: unknown[] = []
              for (const part of chunks(rows())) {
                if (dialect !== 'mysql') out.push(...(await tx.insert(l.table).values(part).returning()))
                else {
                  const ids = (await tx.insert(l.table).values(part).$returningId()) as { id: number }[]
                  out.push(...(await tx.select().from(l.table).where(inArray(l.table.id, ids.map((r) => r.id)))))
                }
              }
              return out
            }),
      },
      { name: '@kysera/repository', prepare, run: () => l.pkg.repo.bulkCreate(rows()) },
      { name: 'kysera repository', prepare, run: () => l.repo.bulkCreate(rows()) },
    ]
  },
}

const BULK_UPDATE_ROWS = 10_000
const SINGLE_SAMPLE = 1000
const bulkUpdate: BulkWorkload = {
  kind: 'bulk',
  name: `bulk update ${BULK_UPDATE_ROWS.toLocaleString('en')} rows, a distinct value each (returning them)`,
  rows: BULK_UPDATE_ROWS,
  variants: (l) => {
    const { dialect } = l.drivers
    const ids = Array.from({ length: BULK_UPDATE_ROWS }, (_, i) => i + 1)
    let round = 0
    const items = () => {
      round++
      return ids.map((id) => ({ id, data: { score: id * 7 + round, name: `upd ${round} ${id}` } }))
    }
    const prepare = () => Promise.resolve()
    const driver = async (): Promise<unknown[]> => {
      const all = items()
      if (dialect === 'postgres') {
        return l.drivers.raw(`update ${TABLE} t set score = u.score, name = u.name from unnest($1::int[], $2::int[], $3::varchar[]) as u(id, score, name) where t.id = u.id returning t.*`, [
          all.map((i) => i.id), all.map((i) => i.data.score), all.map((i) => i.data.name),
        ])
      }
      if (dialect === 'mysql') {
        return l.drivers.rawTransaction(async (raw) => {
          // MariaDB's table value constructor: one query block, where `select … union all …` is one per row.
          const derived = `with r(id, score, name) as (values ${all.map(() => '(?, ?, ?)').join(', ')}) select * from r`
          await raw(`update ${TABLE} t join (${derived}) u on u.id = t.id set t.score = u.score, t.name = u.name`, all.flatMap((i) => [i.id, i.data.score, i.data.name]))
          return raw(`select * from ${TABLE} where id in (${all.map(() => '?').join(', ')})`, all.map((i) => i.id))
        })
      }
      // SQLite: one statement per row, prepared once, in one transaction (DESIGN §4.3).
      return l.drivers.rawTransaction(async (raw) => {
        const out: unknown[] = []
        for (const i of all) out.push(...(await raw(`update ${TABLE} set score = ?, name = ? where id = ? returning *`, [i.data.score, i.data.name, i.id])))
        return out
      })
    }
    return [
      { name: 'driver', prepare, run: driver },
      {
        // drizzle-orm has no multi-row update with distinct values; its documented answers are a CASE
        // expression or a statement per row. A statement per row in one transaction is the common one.
        name: 'drizzle-orm (statement per row)',
        prepare,
        run: () =>
          dialect === 'sqlite'
            ? Promise.resolve(l.drizzle.transaction((tx: any) => items().flatMap((i) => tx.update(l.table).set(i.data).where(eq(l.table.id, i.id)).returning().all())))
            : l.drizzle.transaction(async (tx: any) => {
              const out: unknown[] = []
              for (const i of items()) {
                if (dialect !== 'mysql') out.push(...(await tx.update(l.table).set(i.data).where(eq(l.table.id, i.id)).returning()))
                else {
                  await tx.update(l.table).set(i.data).where(eq(l.table.id, i.id))
                  out.push(...(await tx.select().from(l.table).where(eq(l.table.id, i.id))))
                }
              }
              return out
            }),
      },
      { name: '@kysera/repository', prepare, run: () => l.pkg.repo.bulkUpdate(items()) },
      { name: 'kysera repository', prepare, run: () => l.repo.bulkUpdate(items()) },
      { name: 'kysera repository + audit', prepare, run: () => l.auditRepo.bulkUpdate(items()) },
      {
        name: `kysera repository, update() per row (${SINGLE_SAMPLE.toLocaleString('en')}-row sample)`,
        prepare,
        rows: SINGLE_SAMPLE,
        run: async () => {
          for (const i of items().slice(0, SINGLE_SAMPLE)) await l.repo.update(i.id, i.data)
        },
      },
    ]
  },
}

const BULK_DELETE_ROWS = 10_000
const bulkDelete: BulkWorkload = {
  kind: 'bulk',
  name: `bulk delete ${BULK_DELETE_ROWS.toLocaleString('en')} ids`,
  rows: BULK_DELETE_ROWS,
  variants: (l) => {
    const { dialect } = l.drivers
    let ids: number[] = []
    // Adds the rows to delete (untimed), in one fast statement per chunk.
    const prepare = async (): Promise<void> => {
      await dropAdded(l)()
      const added = await l.repo.bulkCreate(personRows(BULK_DELETE_ROWS, 'del'))
      ids = added.map((r: { id: number }) => r.id)
    }
    return [
      {
        name: 'driver',
        prepare,
        run: () => (dialect === 'postgres' ? l.drivers.raw(`delete from ${TABLE} where id = any($1::int[])`, [ids]) : l.drivers.raw(`delete from ${TABLE} where id in (${ids.map(() => '?').join(', ')})`, ids)),
      },
      { name: 'kysely', prepare, run: () => l.kysely.deleteFrom(TABLE).where('id', 'in', ids).execute() },
      { name: 'drizzle-orm', prepare, run: () => l.drizzle.delete(l.table).where(inArray(l.table.id, ids)) },
      { name: '@kysera/repository', prepare, run: () => l.pkg.repo.bulkDelete(ids) },
      { name: 'kysera repository', prepare, run: () => l.repo.bulkDelete(ids) },
    ]
  },
}

export const WORKLOADS: Workload[] = [primaryKeyLookup, list100, createOne, transaction, softDeleteRead, debugPlugin, bulkInsert, bulkUpdate, bulkDelete]

