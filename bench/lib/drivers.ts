// Driver handles for peer benchmarks: one pool (or SQLite database) per dialect that every library in a
// run shares, and, on request, a statement counter at the driver itself. Counting there sees what each
// library really sends, BEGIN and COMMIT included, which a Kysely plugin cannot.
import Database from 'better-sqlite3'
import mysql from 'mysql2'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Dialect } from 'kysera/core'

/** A raw driver call: SQL in the dialect's own placeholder style, rows out. */
export type RawQuery = (sql: string, params: unknown[]) => Promise<Record<string, unknown>[]>

/** The test servers (README, "Tests"); every benchmark connects to these. */
export const URLS = {
  postgres: process.env.KYSERA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysql: process.env.KYSERA_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
}

export interface Drivers {
  dialect: Dialect
  /** `pg.Pool`, mysql2 callback pool, or better-sqlite3 `Database`. */
  pg?: pg.Pool
  mysql?: mysql.Pool
  sqlite?: Database.Database
  /** Hand-written driver calls (SQLite statements prepared once, as careful code would). */
  raw: RawQuery
  /** Runs `fn` on one connection: BEGIN, `fn`, COMMIT, as hand-written driver code would. */
  rawTransaction: <T>(fn: (raw: RawQuery) => Promise<T>) => Promise<T>
  /** Statements sent so far (0 unless opened with `counting`). */
  statements: () => number
  close: () => Promise<void>
}

/** Opens `name` (PG schema, MySQL database, SQLite file) with a pool of `poolSize`; `undefined` when unreachable. */
export async function openDrivers(dialect: Dialect, name: string, { counting = false, poolSize = 10 } = {}): Promise<Drivers | undefined> {
  let count = 0
  const counted = <F extends (...args: never[]) => unknown>(fn: F): F => (counting ? (((...args: never[]) => (count++, fn(...args))) as F) : fn)
  try {
    if (dialect === 'sqlite') return openSqlite(name, counting, () => count++, () => count)
    if (dialect === 'postgres') {
      const admin = new pg.Client({ connectionString: URLS.postgres, connectionTimeoutMillis: 3000 })
      await admin.connect()
      await admin.query(`create schema if not exists "${name}"`)
      await admin.end()
      class CountingClient extends pg.Client {
        override query = counted(super.query.bind(this) as never) as pg.Client['query']
      }
      const pool = new pg.Pool({ connectionString: URLS.postgres, max: poolSize, options: `-c search_path=${name}`, ...(counting ? { Client: CountingClient } : {}) })
      const raw: RawQuery = async (text, params) => (await pool.query(text, params)).rows as Record<string, unknown>[]
      const rawTransaction = async <T>(fn: (raw: RawQuery) => Promise<T>): Promise<T> => {
        const client = await pool.connect()
        return inTransaction(async (text, params) => (await client.query(text, params)).rows as Record<string, unknown>[], () => client.release(), fn)
      }
      return { dialect, pg: pool, raw, rawTransaction, statements: () => count, close: () => pool.end() }
    }
    const admin = mysql.createConnection({ uri: URLS.mysql, connectTimeout: 3000 }).promise()
    await admin.query(`create database if not exists \`${name}\``)
    await admin.end()
    const pool = mysql.createPool({ uri: URLS.mysql, database: name, connectionLimit: poolSize })
    if (counting) {
      pool.on('connection', (connection) => {
        connection.query = counted(connection.query.bind(connection) as never) as typeof connection.query
        connection.execute = counted(connection.execute.bind(connection) as never) as typeof connection.execute
      })
    }
    const promisePool = pool.promise()
    const rows = (result: unknown): Record<string, unknown>[] => (Array.isArray(result) ? (result as Record<string, unknown>[]) : [])
    const raw: RawQuery = async (text, params) => rows((await promisePool.query(text, params))[0])
    const rawTransaction = async <T>(fn: (raw: RawQuery) => Promise<T>): Promise<T> => {
      const connection = await promisePool.getConnection()
      return inTransaction(async (text, params) => rows((await connection.query(text, params))[0]), () => connection.release(), fn)
    }
    return { dialect, mysql: pool, raw, rawTransaction, statements: () => count, close: () => promisePool.end() }
  } catch (error) {
    console.log(`  ${dialect}: unreachable, skipped (${error instanceof Error ? error.message : String(error)})`)
    return undefined
  }
}

/** BEGIN, `fn`, COMMIT on one connection (ROLLBACK when `fn` throws), then `release` it. */
async function inTransaction<T>(query: RawQuery, release: () => void, fn: (raw: RawQuery) => Promise<T>): Promise<T> {
  try {
    await query('begin', [])
    const result = await fn(query)
    await query('commit', [])
    return result
  } catch (error) {
    await query('rollback', [])
    throw error
  } finally {
    release()
  }
}

function openSqlite(name: string, counting: boolean, tick: () => void, statements: () => number): Drivers {
  const file = new Database(join(tmpdir(), `${name}.sqlite`))
  file.pragma('journal_mode = WAL')
  const sqlite = counting ? countingDatabase(file, tick) : file
  const prepared = new Map<string, Database.Statement>()
  const raw: RawQuery = (text, params) => {
    let statement = prepared.get(text)
    if (statement === undefined) prepared.set(text, (statement = sqlite.prepare(text)))
    return Promise.resolve(statement.reader ? (statement.all(...params) as Record<string, unknown>[]) : (statement.run(...params), []))
  }
  // One connection: concurrent callers take turns, as a mutex in hand-written code would make them.
  let turn: Promise<unknown> = Promise.resolve()
  const rawTransaction = <T>(fn: (raw: RawQuery) => Promise<T>): Promise<T> => {
    const run = turn.then(() => inTransaction(raw, () => undefined, fn))
    turn = run.catch(() => undefined)
    return run
  }
  return { dialect: 'sqlite', sqlite, raw, rawTransaction, statements, close: () => Promise.resolve(void file.close()) }
}

/** A better-sqlite3 database whose statements count each execution (`raw()` and friends keep counting). */
function countingDatabase(database: Database.Database, tick: () => void): Database.Database {
  const runs = new Set(['run', 'all', 'get', 'iterate'])
  const chain = new Set(['raw', 'pluck', 'expand', 'safeIntegers', 'bind'])
  const wrap = (statement: Database.Statement): Database.Statement => {
    const proxy: Database.Statement = new Proxy(statement, {
      get(target, key) {
        const value = Reflect.get(target, key, target) as unknown
        if (typeof value !== 'function') return value
        if (typeof key === 'string' && runs.has(key)) return (...args: unknown[]) => (tick(), (value as (...a: unknown[]) => unknown).apply(target, args))
        if (typeof key === 'string' && chain.has(key)) return (...args: unknown[]) => ((value as (...a: unknown[]) => unknown).apply(target, args), proxy)
        return (value as (...a: unknown[]) => unknown).bind(target)
      },
    })
    return proxy
  }
  return new Proxy(database, {
    get(target, key) {
      const value = Reflect.get(target, key, target) as unknown
      if (key === 'prepare') return (text: string) => wrap(target.prepare(text))
      if (key === 'exec') return (text: string) => (tick(), target.exec(text))
      // better-sqlite3 runs BEGIN and COMMIT of `db.transaction(fn)()` natively, without statements.
      if (key === 'transaction') {
        return (fn: (...args: unknown[]) => unknown) => {
          const run = target.transaction(fn)
          const counting = (variant: (...args: unknown[]) => unknown) => (...args: unknown[]) => (tick(), tick(), variant(...args))
          return Object.assign(counting(run), { deferred: counting(run.deferred), immediate: counting(run.immediate), exclusive: counting(run.exclusive) })
        }
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
}
