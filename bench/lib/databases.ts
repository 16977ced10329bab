// Connections for benchmarks: the same servers and variables as the tests (README, "Tests"), each
// benchmark in its own schema / database / file so reruns can reuse generated data.
import Database from 'better-sqlite3'
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely'
import mysql from 'mysql2'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { withStatementCache, type Dialect } from '../../src/core/index.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- benchmarks define their own tables
export type AnyDB = any

const URLS = {
  postgres: process.env.KYSERA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysql: process.env.KYSERA_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
}

/** Opens `name` on `dialect`, creating the schema / database first; `undefined` when unreachable. */
export async function openBenchDatabase(dialect: Dialect, name: string): Promise<Kysely<AnyDB> | undefined> {
  try {
    if (dialect === 'sqlite') {
      const database = new Database(join(tmpdir(), `${name}.sqlite`))
      database.pragma('journal_mode = WAL')
      // Kysera's recommended SQLite setup; KYSERA_BENCH_SQLITE_CACHE=0 measures plain Kysely instead.
      const cached = process.env.KYSERA_BENCH_SQLITE_CACHE === '0' ? database : withStatementCache(database)
      return new Kysely({ dialect: new SqliteDialect({ database: cached }) })
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

/** A raw driver call: SQL in the dialect's own placeholder style, rows out. */
export type RawQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>

/**
 * Like {@link openBenchDatabase}, plus a raw-driver query function on the same pool (or SQLite
 * database), for "hand-written driver code" baselines. SQLite statements are prepared once and cached,
 * as a careful hand-written program would.
 */
export async function openBenchDriver(dialect: Dialect, name: string): Promise<{ db: Kysely<AnyDB>; raw: RawQuery } | undefined> {
  const db = await openBenchDatabase(dialect, name)
  if (db === undefined) return undefined
  await db.destroy()
  if (dialect === 'sqlite') {
    const database = new Database(join(tmpdir(), `${name}.sqlite`))
    database.pragma('journal_mode = WAL')
    const statements = new Map<string, Database.Statement>()
    const raw: RawQuery = (text, params) => {
      let statement = statements.get(text)
      if (statement === undefined) {
        statement = database.prepare(text)
        statements.set(text, statement)
      }
      return Promise.resolve(statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []))
    }
    return { db: new Kysely({ dialect: new SqliteDialect({ database }) }), raw }
  }
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: URLS.postgres, max: 10, options: `-c search_path=${name}` })
    const raw: RawQuery = async (text, params) => (await pool.query(text, params)).rows as Record<string, unknown>[]
    return { db: new Kysely({ dialect: new PostgresDialect({ pool }) }), raw }
  }
  const pool = mysql.createPool({ uri: URLS.mysql, database: name, connectionLimit: 10 })
  const promisePool = pool.promise()
  const raw: RawQuery = async (text, params) => {
    const [rows] = await promisePool.query(text, params)
    return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : []
  }
  return { db: new Kysely({ dialect: new MysqlDialect({ pool }) }), raw }
}
