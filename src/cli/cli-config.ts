// Where the CLI finds its database and migrations: --config, kysera.config.{ts,mjs,js}, DATABASE_URL.
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, type Dialect } from 'kysely'
import type { KyseraConfig } from '../migrations/index.js'
import { UsageError } from './cli-args.js'

const CONFIG_FILES = ['kysera.config.ts', 'kysera.config.mjs', 'kysera.config.js']

export interface ResolvedCliConfig {
  directory: string
  tableName: string | undefined
  lockTimeoutMs: number | undefined
  /** Opens the configured database (the only step that needs one). */
  openDatabase(): Promise<Kysely<any>> // eslint-disable-line @typescript-eslint/no-explicit-any
}

export async function resolveConfig(cwd: string, flags: Map<string, string | true>): Promise<ResolvedCliConfig> {
  const explicit = flags.get('config')
  const file = typeof explicit === 'string' ? resolve(cwd, explicit) : CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f))
  let config: KyseraConfig = {}
  if (file !== undefined) {
    if (!existsSync(file)) throw new UsageError(`config file not found: ${file}`)
    try {
      const module = (await import(pathToFileURL(file).href)) as { default?: KyseraConfig }
      config = module.default ?? (module as KyseraConfig)
    } catch (error) {
      const hint = file.endsWith('.ts') ? ' (a .ts config needs a TypeScript loader: run with `node --import tsx`, or use kysera.config.mjs)' : ''
      throw new UsageError(`cannot load ${file}${hint}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  const base = file === undefined ? cwd : dirname(file)
  const dirFlag = flags.get('dir')
  const directory = typeof dirFlag === 'string' ? resolve(cwd, dirFlag) : resolve(base, config.migrations?.directory ?? 'migrations')
  const table = flags.get('table')
  const database = config.database ?? process.env.DATABASE_URL
  return {
    openDatabase: async () => {
      if (database === undefined || database === '') throw new UsageError('no database: set DATABASE_URL or `database` in kysera.config')
      return new Kysely({ dialect: typeof database === 'string' ? await dialectFromUrl(database) : database.dialect })
    },
    directory,
    tableName: typeof table === 'string' ? table : config.migrations?.tableName,
    lockTimeoutMs: config.migrations?.lockTimeoutMs,
  }
}

/**
 * A Kysely dialect for `postgres://…`, `mysql://…` or `sqlite:path`. Drivers are optional peers, so
 * each is imported only when its URL is used, with a clear message when it is not installed.
 */
async function dialectFromUrl(url: string): Promise<Dialect> {
  const scheme = /^([a-z0-9+]+):/i.exec(url)?.[1]?.toLowerCase()
  if (scheme === 'postgres' || scheme === 'postgresql') {
    const pg = await driver('pg')
    return new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) })
  }
  if (scheme === 'mysql' || scheme === 'mariadb') {
    const mysql = await driver('mysql2')
    return new MysqlDialect({ pool: mysql.createPool({ uri: url.replace(/^mariadb:/, 'mysql:'), connectionLimit: 2 }) })
  }
  if (scheme === 'sqlite' || scheme === 'file') {
    const Database = await driver('better-sqlite3')
    const path = url.replace(/^(sqlite|file):(\/\/)?/i, '')
    if (path === '') throw new UsageError('sqlite URL without a path: use sqlite:./app.db')
    const database = new Database(path)
    database.pragma('busy_timeout = 5000')
    return new SqliteDialect({ database })
  }
  throw new UsageError(`unsupported DATABASE_URL scheme ${JSON.stringify(scheme ?? url.slice(0, 20))}: use postgres://, mysql:// or sqlite:path`)
}

/** The driver's CommonJS export. Typed loosely on purpose: the drivers are optional, their types too. */
async function driver(name: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  try {
    const module = (await import(name)) as { default?: unknown }
    return module.default ?? module
  } catch {
    throw new UsageError(`the ${name} driver is not installed: npm i ${name}`)
  }
}
