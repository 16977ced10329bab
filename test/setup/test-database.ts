// One isolated database per suite and dialect: a fresh PostgreSQL schema, a fresh MySQL database, or
// a fresh SQLite file, so suites can run in parallel workers without seeing each other's tables.
import Database from 'better-sqlite3'
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, type Dialect, type LogEvent } from 'kysely'
import mysql from 'mysql2'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import type { Dialect as KyseraDialect } from '../../src/core/index.js'
import { SCHEMA_PREFIX, SERVER_URLS } from './config.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- suites define their own tables
export type AnyDB = any

/** Options for a connection opened with {@link TestDatabase.connect}. */
export interface ConnectOptions {
  /** Pool size for server dialects. Default 5. */
  poolSize?: number
  /** Receives the SQL and parameters of every query this connection sends, exactly as sent. */
  onQuery?: (query: { sql: string; parameters: readonly unknown[] }) => void
}

/** A suite's own database on one dialect. */
export class TestDatabase {
  readonly dialect: KyseraDialect
  /** Schema (PostgreSQL), database (MySQL) or file (SQLite) name. */
  readonly name: string
  #db: Kysely<AnyDB> | undefined
  readonly #extra: Kysely<AnyDB>[] = []

  constructor(dialect: KyseraDialect) {
    this.dialect = dialect
    this.name = `${SCHEMA_PREFIX}${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
  }

  /** The suite's main Kysely instance (available inside tests and hooks). */
  get db(): Kysely<AnyDB> {
    if (this.#db === undefined) throw new Error('TestDatabase used before beforeAll opened it')
    return this.#db
  }

  /** SQLite file path of this suite. */
  get sqliteFile(): string {
    return join(tmpdir(), `${this.name}.sqlite`)
  }

  /** A connection URL for this suite's database (CLI and child-process tests). */
  get url(): string {
    if (this.dialect === 'sqlite') return `sqlite:${this.sqliteFile}`
    const url = new URL(SERVER_URLS[this.dialect])
    if (this.dialect === 'mysql') url.pathname = `/${this.name}`
    else url.searchParams.set('options', `-c search_path=${this.name}`)
    return url.toString()
  }

  async open(): Promise<void> {
    if (this.dialect === 'postgres') await adminPostgres(`create schema "${this.name}"`)
    if (this.dialect === 'mysql') await adminMysql(`create database \`${this.name}\` character set utf8mb4 collate utf8mb4_unicode_ci`)
    this.#db = this.#create({})
  }

  /** Another, independent Kysely instance on the same database (for concurrency tests). Closed by `close()`. */
  connect(options: ConnectOptions = {}): Kysely<AnyDB> {
    return this.connectWithPool(options).db
  }

  /**
   * Like {@link connect}, but also returns the driver's pool object (a `pg.Pool`, a mysql2 pool, or
   * the better-sqlite3 `Database`), for tests that read pool state. `wrapPool` may replace the pool
   * before the dialect receives it.
   */
  connectWithPool<P extends object = DriverPool>(
    options: ConnectOptions & { wrapPool?: (pool: DriverPool) => P } = {},
  ): { db: Kysely<AnyDB>; pool: P } {
    const raw = this.#pool(options.poolSize ?? 5)
    const pool = options.wrapPool === undefined ? (raw as P) : options.wrapPool(raw)
    const { onQuery } = options
    const log = onQuery === undefined ? {} : { log: (e: LogEvent) => onQuery(e.query) }
    const db = new Kysely<AnyDB>({ dialect: this.#dialectFor(pool), ...log })
    this.#extra.push(db)
    return { db, pool }
  }

  /**
   * A Kysely instance for this dialect that cannot connect: a server port nothing listens on, or, for
   * SQLite, a file in a directory that does not exist. Not closed by `close()`; nothing to close.
   */
  unreachable(): Kysely<AnyDB> {
    switch (this.dialect) {
      case 'postgres':
        return new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ host: '127.0.0.1', port: 1, user: 'postgres' }) }) })
      case 'mysql':
        return new Kysely({ dialect: new MysqlDialect({ pool: mysql.createPool({ host: '127.0.0.1', port: 1, user: 'root' }) }) })
      case 'sqlite':
        return new Kysely({
          dialect: new SqliteDialect({ database: () => Promise.resolve(new Database(join(tmpdir(), 'kysera-missing-dir', 'x.sqlite'))) }),
        })
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.#db, ...this.#extra].map((db) => db?.destroy()))
    if (this.dialect === 'postgres') await adminPostgres(`drop schema if exists "${this.name}" cascade`)
    if (this.dialect === 'mysql') await adminMysql(`drop database if exists \`${this.name}\``)
    if (this.dialect === 'sqlite') {
      for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${this.sqliteFile}${suffix}`, { force: true })
    }
  }

  #create(options: ConnectOptions): Kysely<AnyDB> {
    const { onQuery } = options
    const log = onQuery === undefined ? {} : { log: (e: LogEvent) => onQuery(e.query) }
    return new Kysely<AnyDB>({ dialect: this.#dialectFor(this.#pool(options.poolSize ?? 5)), ...log })
  }

  #pool(poolSize: number): DriverPool {
    switch (this.dialect) {
      case 'postgres':
        return new pg.Pool({ connectionString: SERVER_URLS.postgres, max: poolSize, options: `-c search_path=${this.name}` })
      case 'mysql':
        return mysql.createPool({ uri: SERVER_URLS.mysql, database: this.name, connectionLimit: poolSize, charset: 'utf8mb4' })
      case 'sqlite': {
        const database = new Database(this.sqliteFile)
        database.pragma('journal_mode = WAL')
        database.pragma('foreign_keys = ON')
        database.pragma('busy_timeout = 5000')
        // SQLite cannot sleep: slowQuery() calls this busy wait, which takes the same wall time on any CPU.
        database.function('kysera_test_sleep', (ms: unknown) => {
          const end = performance.now() + Number(ms)
          while (performance.now() < end);
          return 1
        })
        return database
      }
    }
  }

  #dialectFor(pool: object): Dialect {
    // The pool was made for this dialect by #pool (possibly wrapped), so the casts only restate that.
    switch (this.dialect) {
      case 'postgres':
        return new PostgresDialect({ pool: pool as pg.Pool })
      case 'mysql':
        return new MysqlDialect({ pool: pool as mysql.Pool })
      case 'sqlite':
        return new SqliteDialect({ database: pool as Database.Database })
    }
  }
}

/** The object a dialect's driver pools connections with. */
export type DriverPool = pg.Pool | mysql.Pool | Database.Database

async function adminPostgres(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URLS.postgres })
  await client.connect()
  try {
    await client.query(statement)
  } finally {
    await client.end()
  }
}

async function adminMysql(statement: string): Promise<void> {
  const conn = mysql.createConnection({ uri: SERVER_URLS.mysql })
  try {
    await conn.promise().query(statement)
  } finally {
    await conn.promise().end()
  }
}
