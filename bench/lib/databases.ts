// Connections for benchmarks: the same servers and variables as the tests (README, "Tests"), each
// benchmark in its own schema / database / file so reruns can reuse generated data.
import Database from 'better-sqlite3'
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely'
import mysql from 'mysql2'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { KyseraSqliteDialect, type Dialect } from 'kysera/core'
import { openDrivers, URLS, type RawQuery } from './drivers.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- benchmarks define their own tables
export type AnyDB = any


/** Opens `name` on `dialect`, creating the schema / database first; `undefined` when unreachable. */
export async function openBenchDatabase(dialect: Dialect, name: string): Promise<Kysely<AnyDB> | undefined> {
  try {
    if (dialect === 'sqlite') {
      const database = new Database(join(tmpdir(), `${name}.sqlite`))
      database.pragma('journal_mode = WAL')
      // Kysera's recommended SQLite setup; KYSERA_BENCH_SQLITE_CACHE=0 measures plain Kysely instead.
      return new Kysely({ dialect: process.env.KYSERA_BENCH_SQLITE_CACHE === '0' ? new SqliteDialect({ database }) : new KyseraSqliteDialect({ database }) })
    }
    if (dialect === 'postgres') {
      const admin = new pg.Client({ connectionString: URLS.postgres, connectionTimeoutMillis: 3000 })
      await admin.connect()
      await admin.query(`create schema if not exists "${name}"`)
      await admin.end()
      return new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: URLS.postgres, max: 10, options: `-c search_path=${name}` }) }) })
    }
    const admin = mysql.createConnection({ uri: URLS.mysql, connectTimeout: 3000 }).promise()
    await admin.query(`create database if not exists \`${name}\``)
    await admin.end()
    return new Kysely({ dialect: new MysqlDialect({ pool: mysql.createPool({ uri: URLS.mysql, database: name, connectionLimit: 10 }) }) })
  } catch (error) {
    console.log(`  ${dialect}: unreachable, skipped (${error instanceof Error ? error.message : String(error)})`)
    return undefined
  }
}

export type { RawQuery } from './drivers.js'

/**
 * Like {@link openBenchDatabase}, plus a raw-driver query function on the same pool (or SQLite
 * database), for "hand-written driver code" baselines (see `openDrivers`).
 */
export async function openBenchDriver(dialect: Dialect, name: string): Promise<{ db: Kysely<AnyDB>; raw: RawQuery } | undefined> {
  const drivers = await openDrivers(dialect, name)
  if (drivers === undefined) return undefined
  const kyselyDialect = drivers.pg
    ? new PostgresDialect({ pool: drivers.pg })
    : drivers.mysql
      ? new MysqlDialect({ pool: drivers.mysql })
      : new SqliteDialect({ database: drivers.sqlite as Database.Database })
  return { db: new Kysely({ dialect: kyselyDialect }), raw: drivers.raw }
}
