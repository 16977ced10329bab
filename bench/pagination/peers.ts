// The same pages through the libraries of the peer benchmark: hand-written SQL on the raw driver,
// drizzle-orm (offset; it has no keyset helper) and @kysera/repository 0.8 (`paginate`, which counts
// the rows like Kysera's `paginate`, and `paginateCursor` with its `{ value, id }` cursor).
/* eslint-disable @typescript-eslint/no-explicit-any -- peers are called through their own loose typings */
import { createRepositoryFactory, nativeAdapter } from '@kysera/repository'
import { asc, desc } from 'drizzle-orm'
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { bigint, datetime, mysqlTable, varchar as myVarchar } from 'drizzle-orm/mysql-core'
import { bigserial, pgTable, timestamp, varchar as pgVarchar } from 'drizzle-orm/pg-core'
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import type { Kysely } from 'kysely'
import type { Dialect } from 'kysera/core'
import type { AnyDB } from '../lib/databases.js'
import type { Drivers } from '../lib/drivers.js'

const TABLES = {
  postgres: pgTable('bench_events', { id: bigserial('id', { mode: 'number' }).primaryKey(), created_at: timestamp('created_at', { withTimezone: true }).notNull(), payload: pgVarchar('payload', { length: 40 }).notNull() }),
  mysql: mysqlTable('bench_events', { id: bigint('id', { mode: 'number' }).primaryKey(), created_at: datetime('created_at', { fsp: 6 }).notNull(), payload: myVarchar('payload', { length: 40 }).notNull() }),
  sqlite: sqliteTable('bench_events', { id: integer('id').primaryKey(), created_at: text('created_at').notNull(), payload: text('payload').notNull() }),
}

export interface PagePeers {
  /** The page after `after` (the first page without it), hand-written on the raw driver. */
  driverSeek(direction: 'asc' | 'desc', after: { created_at: unknown; id: unknown } | undefined, limit: number): Promise<unknown>
  driverOffset(direction: 'asc' | 'desc', offset: number, limit: number): Promise<unknown>
  drizzleOffset(direction: 'asc' | 'desc', offset: number, limit: number): Promise<unknown>
  kyseraPackagePaginate(direction: 'asc' | 'desc', offset: number, limit: number): Promise<unknown>
  kyseraPackageCursor(direction: 'asc' | 'desc', after: { created_at: unknown; id: unknown } | undefined, limit: number): Promise<unknown>
}

export function pagePeers(drivers: Drivers, db: Kysely<AnyDB>): PagePeers {
  const dialect: Dialect = drivers.dialect
  const $ = (i: number) => (dialect === 'postgres' ? `$${i}` : '?')
  const table = TABLES[dialect] as any
  const drizzle: any = drivers.pg ? drizzlePg({ client: drivers.pg }) : drivers.mysql ? drizzleMysql({ client: drivers.mysql.promise() as any }) : drizzleSqlite({ client: drivers.sqlite as any })
  const repo: any = createRepositoryFactory(db).create({ tableName: 'bench_events', mapRow: (row: unknown) => row, schemas: { create: nativeAdapter<any>() } } as any)
  return {
    driverSeek: (direction, after, limit) => {
      const order = `order by created_at ${direction}, id ${direction}`
      if (after === undefined) return drivers.raw(`select * from bench_events ${order} limit ${$(1)}`, [limit + 1])
      const op = direction === 'asc' ? '>' : '<'
      // A row value where it seeks an index (PostgreSQL, SQLite); the expanded form on MySQL.
      if (dialect === 'mysql') {
        return drivers.raw(`select * from bench_events where created_at ${op} ? or (created_at = ? and id ${op} ?) ${order} limit ?`, [after.created_at, after.created_at, after.id, limit + 1])
      }
      return drivers.raw(`select * from bench_events where (created_at, id) ${op} (${$(1)}, ${$(2)}) ${order} limit ${$(3)}`, [after.created_at, after.id, limit + 1])
    },
    driverOffset: (direction, offset, limit) =>
      drivers.raw(`select * from bench_events order by created_at ${direction}, id ${direction} limit ${$(1)} offset ${$(2)}`, [limit, offset]),
    drizzleOffset: (direction, offset, limit) => {
      const by = direction === 'asc' ? asc : desc
      return drizzle.select().from(table).orderBy(by(table.created_at), by(table.id)).limit(limit).offset(offset)
    },
    kyseraPackagePaginate: (direction, offset, limit) => repo.paginate({ limit, offset, orderBy: 'created_at', orderDirection: direction }),
    kyseraPackageCursor: (direction, after, limit) =>
      repo.paginateCursor({ limit, orderBy: 'created_at', orderDirection: direction, cursor: after === undefined ? null : { value: after.created_at, id: after.id } }),
  }
}
