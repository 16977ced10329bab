import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { BadRequestError, checkDatabaseHealth } from '../../../src/core/index.js'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect } from '../../setup/dialects.js'
import { slowQuery } from '../../setup/slow-query.js'

describeEachDialect('checkDatabaseHealth', (t) => {
  it('reports healthy with the probe latency and the pool counts on a live database', async () => {
    const { db, pool } = t.connectWithPool({ poolSize: 3 })
    const result = await checkDatabaseHealth(db, { pool })
    expect(result.status).toBe('healthy')
    expect(result.checks.database.connected).toBe(true)
    expect(result.checks.database.error).toBeUndefined()
    expect(result.checks.database.latency).toBeGreaterThanOrEqual(0)
    expect(result.checks.pool).toEqual(
      t.dialect === 'sqlite'
        ? { total: 1, active: 0, idle: 1, waiting: 0, max: 1 }
        : { total: 1, active: 0, idle: 1, waiting: 0, max: 3 },
    )
    expect(JSON.parse(JSON.stringify(result))).toEqual(result) // plain data for a health endpoint
  })

  it('reports unhealthy with the driver error when the database cannot be reached, without throwing', async () => {
    const db = t.unreachable()
    const result = await checkDatabaseHealth(db, { timeoutMs: 5000 })
    expect(result.status).toBe('unhealthy')
    expect(result.checks.database.connected).toBe(false)
    expect(result.checks.database.error).toMatch(t.dialect === 'sqlite' ? /directory does not exist|unable to open/i : /ECONNREFUSED/)
    await db.destroy().catch(() => {})
  })

  it('reports unhealthy after timeoutMs when every connection is busy', async () => {
    const { db } = t.connectWithPool({ poolSize: 1 })
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    // The only connection is inside a transaction, so the probe waits for it (on SQLite Kysely hands
    // its one connection to one caller at a time, so this is the same situation).
    const transaction = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx)
      await held
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const result = await checkDatabaseHealth(db, { timeoutMs: 150 })
    release()
    await transaction
    expect(result.status).toBe('unhealthy')
    expect(result.checks.database).toMatchObject({ connected: false, error: '[kysera:health] no answer within 150 ms' })
    expect(result.checks.database.latency).toBeGreaterThanOrEqual(140)
  })

  it('reports degraded when the probe answers slower than degradedLatencyMs', async () => {
    const result = await checkDatabaseHealth(t.db, { degradedLatencyMs: 20, query: (db) => slowQuery(db, 0.05).execute(db) })
    expect(result.status).toBe('degraded')
    expect(result.checks.database.connected).toBe(true)
  })

  it('runs a custom probe and reports its failure', async () => {
    const result = await checkDatabaseHealth(t.db, { query: (db) => db.selectFrom('no_such_table').selectAll().execute() })
    expect(result.status).toBe('unhealthy')
    expect(result.checks.database.error).toMatch(/no_such_table/)
  })

  if (t.dialect !== 'sqlite') {
    it('reports unhealthy when the probe waits on a row another transaction has locked', async () => {
      await t.db.schema.createTable('health_lock').ifNotExists().addColumn('id', 'integer', (c) => c.primaryKey()).execute()
      await t.db.insertInto('health_lock').values({ id: 1 }).execute()
      const locker = t.connect()
      const probeDb = t.connect()
      let release: () => void = () => {}
      const held = new Promise<void>((resolve) => (release = resolve))
      let locked: () => void = () => {}
      const isLocked = new Promise<void>((resolve) => (locked = resolve))
      const transaction = locker.transaction().execute(async (trx) => {
        await trx.selectFrom('health_lock').selectAll().where('id', '=', 1).forUpdate().execute()
        locked()
        await held
      })
      await isLocked
      const result = await checkDatabaseHealth(probeDb, {
        timeoutMs: 200,
        query: (db) => db.selectFrom('health_lock').selectAll().where('id', '=', 1).forUpdate().execute(),
      })
      release()
      await transaction
      expect(result.status).toBe('unhealthy')
      expect(result.checks.database.error).toBe('[kysera:health] no answer within 200 ms')
    })

    it('reports degraded while callers queue for a pool connection', async () => {
      const { db, pool } = t.connectWithPool({ poolSize: 1 })
      const busy = [slowQuery(db, 0.3).execute(db), slowQuery(db, 0.3).execute(db)]
      await new Promise((resolve) => setTimeout(resolve, 100))
      const result = await checkDatabaseHealth(t.db, { pool })
      await Promise.all(busy)
      expect(result.status).toBe('degraded')
      expect(result.checks.pool).toMatchObject({ active: 1, waiting: 1 })
    })
  }
})

describe('checkDatabaseHealth options', () => {
  it.each([
    ['timeoutMs', { timeoutMs: -1 }],
    ['degradedLatencyMs', { degradedLatencyMs: 'slow' }],
    ['query', { query: 'select 1' }],
    ['pool', { pool: { size: 3 } }],
    ['options', 42],
  ])('rejects an invalid %s with a BadRequestError naming it', async (option, options) => {
    const error = await catchError(() => checkDatabaseHealth({} as never, options as never))
    expect(error).toBeInstanceOf(BadRequestError)
    expect(error).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining(`Invalid ${option}:`) as unknown })
  })
})
