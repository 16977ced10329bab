// Every library the peer benchmark compares, set up on one shared driver handle per database so that
// the only difference between variants is the library code.
/* eslint-disable @typescript-eslint/no-explicit-any -- each peer has its own typing; the benchmark only calls them */
import { createORM as createPackageORM, createRepositoryFactory, nativeAdapter } from '@kysera/repository'
import { auditPlugin as packageAuditPlugin } from '@kysera/audit'
import { softDeletePlugin as packageSoftDeletePlugin } from '@kysera/soft-delete'
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres'
import { drizzle as drizzleMysql } from 'drizzle-orm/mysql2'
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3'
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql, type Dialect as KyselyDialect } from 'kysely'
import { KyseraSqliteDialect, withDebug } from 'kysera/core'
import { createORM, createRepository } from 'kysera/repository'
import { auditPlugin, createAuditTable } from 'kysera/plugins/audit'
import { softDeletePlugin } from 'kysera/plugins/soft-delete'
import type { AnyDB } from '../lib/databases.js'
import type { Drivers } from '../lib/drivers.js'
import { drizzleTables, TABLE } from './schema.js'

export const KYSERA_AUDIT_TABLE = 'bench_kysera_audit'

export interface Libraries {
  drivers: Drivers
  /** Kysely as its documentation sets it up. */
  kysely: Kysely<AnyDB>
  /** Kysely as Kysera recommends it (SQLite: `KyseraSqliteDialect`, which caches prepared statements). */
  kysera: Kysely<AnyDB>
  drizzle: any
  table: any
  repo: any
  auditRepo: any
  softRepo: any
  /** Kysera's soft-delete filter on hand-written queries (`softDeletePlugin().kyselyPlugin`). */
  softKysely: Kysely<AnyDB>
  /** `withDebug` with logging off: metrics and slow-query detection only. */
  debugKysely: Kysely<AnyDB>
  /** The `@kysera/repository` 0.8 packages from npm. */
  pkg: { repo: any; auditRepo: any; softRepo: any }
}

export async function openLibraries(drivers: Drivers): Promise<Libraries> {
  const { dialect } = drivers
  const kyselyDialect = (cached: boolean): KyselyDialect => {
    if (drivers.pg) return new PostgresDialect({ pool: drivers.pg })
    if (drivers.mysql) return new MysqlDialect({ pool: drivers.mysql })
    const database = drivers.sqlite as NonNullable<Drivers['sqlite']>
    return cached ? new KyseraSqliteDialect({ database }) : new SqliteDialect({ database })
  }
  const kysely = new Kysely<AnyDB>({ dialect: kyselyDialect(false) })
  const kysera = new Kysely<AnyDB>({ dialect: kyselyDialect(true) })
  const drizzle = drivers.pg ? drizzlePg({ client: drivers.pg }) : drivers.mysql ? drizzleMysql({ client: drivers.mysql.promise() as any }) : drizzleSqlite({ client: drivers.sqlite as any })

  await createAuditTable(kysera, KYSERA_AUDIT_TABLE)
  const softDelete = softDeletePlugin({ tables: [TABLE] })
  const repo = createRepository(kysera, { tableName: TABLE })
  const auditRepo = createORM(kysera, [auditPlugin({ auditTable: KYSERA_AUDIT_TABLE, getUserId: () => 'bench' })]).createRepository({ tableName: TABLE })
  const softRepo = createORM(kysera, [softDelete]).createRepository({ tableName: TABLE })

  const packageConfig = { tableName: TABLE, mapRow: (row: unknown) => row, schemas: { create: nativeAdapter<any>() } }
  const packageRepo = (executor: any) => createRepositoryFactory(executor).create(packageConfig as any)
  // @kysera/audit creates its table with MySQL syntax on every database; on PostgreSQL that fails, so
  // the table is created first with the DDL its README gives. A plugin that still fails to start leaves
  // its variant out (reported as failing).
  await sql`create table if not exists audit_logs (id ${sql.raw({ postgres: 'serial', mysql: 'integer auto_increment', sqlite: 'integer' }[dialect])} primary key, table_name varchar(255) not null, entity_id varchar(255) not null, operation varchar(50) not null, old_values text, new_values text, changed_by varchar(255), changed_at timestamp not null default current_timestamp, metadata text)`.execute(kysely)
  const failing = (error: unknown) => ({ create: () => Promise.reject(error), bulkUpdate: () => Promise.reject(error), findById: () => Promise.reject(error) })
  const pkg = {
    repo: packageRepo(kysely),
    auditRepo: await createPackageORM(kysely, [packageAuditPlugin({ getUserId: () => 'bench' })]).then((orm) => orm.createRepository(packageRepo), failing),
    softRepo: await createPackageORM(kysely, [packageSoftDeletePlugin({ tables: [TABLE] })]).then((orm) => orm.createRepository(packageRepo), failing),
  }
  return {
    drivers,
    kysely,
    kysera,
    drizzle,
    table: drizzleTables[dialect],
    repo,
    auditRepo,
    softRepo,
    softKysely: kysera.withPlugin(softDelete.kyselyPlugin),
    debugKysely: withDebug(kysely, { logQuery: false }),
    pkg,
  }
}
