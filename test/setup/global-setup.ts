// Runs once per `vitest run`: finds which databases are reachable and tells every worker.
import mysql from 'mysql2/promise'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import type { Dialect } from '../../src/core/index.js'
import { REQUIRE_ALL, SCHEMA_PREFIX, SERVER_URLS, wantedDialects } from './config.js'

declare module 'vitest' {
  export interface ProvidedContext {
    kyseraDialects: Dialect[]
  }
}

// Schemas left by a crashed run are dropped once they are an hour old (names embed their birth time).
const STALE_MS = 60 * 60 * 1000

function isStale(name: string): boolean {
  const born = Number.parseInt(name.slice(SCHEMA_PREFIX.length).split('_')[0] ?? '', 36)
  return Number.isFinite(born) && Date.now() - born > STALE_MS
}

async function probePostgres(): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER_URLS.postgres, connectionTimeoutMillis: 5000 })
  await client.connect()
  try {
    const { rows } = await client.query<{ name: string }>(
      `select nspname as name from pg_namespace where nspname like '${SCHEMA_PREFIX}%'`,
    )
    for (const { name } of rows.filter((r) => isStale(r.name))) await client.query(`drop schema if exists "${name}" cascade`)
  } finally {
    await client.end()
  }
}

async function probeMysql(): Promise<void> {
  const conn = await mysql.createConnection({ uri: SERVER_URLS.mysql, connectTimeout: 5000 })
  try {
    const [rows] = await conn.query(`select schema_name as name from information_schema.schemata where schema_name like '${SCHEMA_PREFIX}%'`)
    for (const { name } of (rows as { name: string }[]).filter((r) => isStale(r.name))) {
      await conn.query(`drop database if exists \`${name}\``)
    }
  } finally {
    await conn.end()
  }
}

const PROBES: Record<Dialect, () => Promise<void>> = {
  sqlite: async () => {},
  postgres: probePostgres,
  mysql: probeMysql,
}

export default async function setup(project: TestProject): Promise<void> {
  const available: Dialect[] = []
  const missing: string[] = []
  for (const dialect of wantedDialects()) {
    try {
      await PROBES[dialect]()
      available.push(dialect)
    } catch (error) {
      const where = dialect === 'sqlite' ? 'better-sqlite3' : SERVER_URLS[dialect]
      missing.push(`${dialect} (${where}): ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  if (missing.length > 0) {
    const list = missing.map((m) => `  - ${m}`).join('\n')
    if (REQUIRE_ALL) throw new Error(`[kysera tests] CI=true and these databases are unreachable:\n${list}`)
    console.warn(`\n[kysera tests] NOTICE: skipping the suites of unreachable databases (CI=true makes this a failure):\n${list}\n`)
  }
  project.provide('kyseraDialects', available)
}
