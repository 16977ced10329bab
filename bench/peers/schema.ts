// The peer benchmark's table, the same on every database: created and seeded in plain SQL, described
// once more for drizzle-orm (which needs its own table objects).
import { sql, type Kysely } from 'kysely'
import { integer as pgInteger, pgTable, serial, timestamp as pgTimestamp, varchar as pgVarchar } from 'drizzle-orm/pg-core'
import { datetime, int as myInt, mysqlTable, varchar as myVarchar } from 'drizzle-orm/mysql-core'
import { integer as sqInteger, sqliteTable, text as sqText } from 'drizzle-orm/sqlite-core'
import type { Dialect } from 'kysera/core'
import type { AnyDB } from '../lib/databases.js'

export const TABLE = 'bench_people'
/** Rows the read workloads look up; every tenth row is soft-deleted. */
export const SEED_ROWS = 10_000

export interface PersonInput {
  email: string
  name: string
  age: number
  score: number
  note: string
}

export const person = (i: number, tag: string): PersonInput => ({ email: `${tag}-${i}@bench.io`, name: `${tag} ${i}`, age: (i % 90) + 10, score: i, note: `note ${i}` })

/** Drops and creates the table, then the seed rows (ids 1…SEED_ROWS); also the two audit tables' rows go. */
export async function resetTable(db: Kysely<AnyDB>, dialect: Dialect): Promise<void> {
  await db.schema.dropTable(TABLE).ifExists().execute()
  const id = { postgres: sql`id serial primary key`, mysql: sql`id integer auto_increment primary key`, sqlite: sql`id integer primary key autoincrement` }[dialect]
  const ts = { postgres: 'timestamptz', mysql: 'datetime(3)', sqlite: 'text' }[dialect]
  await sql`create table ${sql.table(TABLE)} (${id}, email varchar(100) not null unique, name varchar(100) not null, age integer not null, score integer not null, note varchar(100), deleted_at ${sql.raw(ts)})`.execute(db)
  await sql`create index bench_people_age on ${sql.table(TABLE)} (age)`.execute(db)
  await seed(db, dialect)
}

/** Back to the seed rows only (bulk workloads add and remove rows). */
export async function seed(db: Kysely<AnyDB>, dialect: Dialect): Promise<void> {
  await db.deleteFrom(TABLE).execute()
  const rows = Array.from({ length: SEED_ROWS }, (_, i) => ({ id: i + 1, ...person(i + 1, 'seed'), deleted_at: i % 10 === 9 ? new Date(0).toISOString().replace('T', ' ').replace('Z', '') : null }))
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto(TABLE).values(rows.slice(i, i + 1000)).execute()
  // Explicit ids do not move a PostgreSQL sequence (MySQL and SQLite move their counters themselves).
  if (dialect === 'postgres') await sql`select setval(pg_get_serial_sequence(${TABLE}, 'id'), (select max(id) from ${sql.table(TABLE)}))`.execute(db)
}

export const drizzleTables = {
  postgres: pgTable(TABLE, {
    id: serial('id').primaryKey(),
    email: pgVarchar('email', { length: 100 }).notNull(),
    name: pgVarchar('name', { length: 100 }).notNull(),
    age: pgInteger('age').notNull(),
    score: pgInteger('score').notNull(),
    note: pgVarchar('note', { length: 100 }),
    deleted_at: pgTimestamp('deleted_at', { withTimezone: true }),
  }),
  mysql: mysqlTable(TABLE, {
    id: myInt('id').autoincrement().primaryKey(),
    email: myVarchar('email', { length: 100 }).notNull(),
    name: myVarchar('name', { length: 100 }).notNull(),
    age: myInt('age').notNull(),
    score: myInt('score').notNull(),
    note: myVarchar('note', { length: 100 }),
    deleted_at: datetime('deleted_at', { fsp: 3 }),
  }),
  sqlite: sqliteTable(TABLE, {
    id: sqInteger('id').primaryKey({ autoIncrement: true }),
    email: sqText('email').notNull(),
    name: sqText('name').notNull(),
    age: sqInteger('age').notNull(),
    score: sqInteger('score').notNull(),
    note: sqText('note'),
    deleted_at: sqText('deleted_at'),
  }),
}
