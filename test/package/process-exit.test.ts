// Operational helpers must not keep a process alive: each script below uses the built package the way
// an application does and must end on its own. A leaked timer would hold it open until the spawn
// timeout (well below the 60 s timers the scripts configure) and fail the test.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

function runScript(source: string): { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', source], { cwd: root, encoding: 'utf8', timeout: 20_000 })
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr }
}

const openSqlite = `
  import Database from 'better-sqlite3'
  import { Kysely, SqliteDialect, sql } from 'kysely'
  const database = new Database(':memory:')
  const db = new Kysely({ dialect: new SqliteDialect({ database }) })
`

describe('a process using the operational helpers', () => {
  it('exits after checkDatabaseHealth, healthy or not, without waiting for its timeout', () => {
    const run = runScript(`${openSqlite}
      import { checkDatabaseHealth } from 'kysera/core'
      const ok = await checkDatabaseHealth(db, { timeoutMs: 60_000, pool: database })
      const broken = new Kysely({ dialect: new SqliteDialect({ database: async () => { throw new Error('no file') } }) })
      const bad = await checkDatabaseHealth(broken, { timeoutMs: 60_000 })
      await db.destroy()
      console.log(ok.status, bad.status, bad.checks.database.error)
    `)
    expect(run.stderr).toBe('')
    expect(run).toMatchObject({ status: 0, signal: null, stdout: 'healthy unhealthy no file\n' })
  })

  it('exits once a HealthMonitor is stopped', () => {
    const run = runScript(`${openSqlite}
      import { HealthMonitor } from 'kysera/core'
      const monitor = new HealthMonitor(db, { intervalMs: 60_000, timeoutMs: 60_000 })
      await new Promise((resolve) => monitor.start(resolve))
      monitor.stop()
      await db.destroy()
      console.log(monitor.lastResult.status)
    `)
    expect(run).toMatchObject({ status: 0, signal: null, stdout: 'healthy\n' })
  })

  it('on SIGTERM lets the open transaction commit, closes the database and exits with code 0', () => {
    const file = `${root}node_modules/.kysera-shutdown-${process.pid}.sqlite`
    const run = runScript(`
      import Database from 'better-sqlite3'
      import { Kysely, SqliteDialect } from 'kysely'
      import { createGracefulShutdown } from 'kysera/core'
      import { rmSync } from 'node:fs'
      const file = ${JSON.stringify(file)}
      process.on('exit', () => {
        const check = new Database(file)
        console.log('rows', check.prepare('select count(*) as n from t').get().n)
        check.close()
        rmSync(file, { force: true })
      })
      const database = new Database(file)
      const db = new Kysely({ dialect: new SqliteDialect({ database }) })
      await db.schema.createTable('t').addColumn('id', 'integer').execute()
      createGracefulShutdown(db, { timeoutMs: 60_000, onShutdown: () => console.log('onShutdown') })
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('t').values({ id: 1 }).execute()
        process.kill(process.pid, 'SIGTERM')
        process.kill(process.pid, 'SIGTERM')
        await new Promise((resolve) => setTimeout(resolve, 100))
        await trx.insertInto('t').values({ id: 2 }).execute()
        console.log('committing')
      })
    `)
    expect(run.stderr).toBe('')
    expect(run).toMatchObject({ status: 0, signal: null, stdout: 'onShutdown\ncommitting\nrows 2\n' })
  })

  it('exits with code 1 when the shutdown times out', () => {
    const run = runScript(`${openSqlite}
      import { createGracefulShutdown } from 'kysera/core'
      createGracefulShutdown(db, { timeoutMs: 50, onShutdown: () => new Promise(() => {}) })
      process.kill(process.pid, 'SIGINT')
      setInterval(() => {}, 1000) // an application that would otherwise run forever
    `)
    expect(run).toMatchObject({ status: 1, signal: null })
  })
})
