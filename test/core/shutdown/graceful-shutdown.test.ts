import { sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { BadRequestError, createGracefulShutdown, getPoolMetrics, shutdownDatabase } from '../../../src/core/index.js'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect } from '../../setup/dialects.js'
import { slowQuery } from '../../setup/slow-query.js'

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

describeEachDialect('shutdownDatabase', (t) => {
  if (t.dialect !== 'sqlite') {
    // better-sqlite3 runs a query synchronously, so no other code runs while one is in flight; the
    // transaction test below covers SQLite.
    it('lets an in-flight query finish, then closes the pool; later queries fail clearly', async () => {
      const { db, pool } = t.connectWithPool()
      const query = slowQuery(db, 1).execute(db) // pg_sleep(1) / SLEEP(1)
      let finished = false
      void query.then(() => (finished = true))
      await wait(100)
      expect(getPoolMetrics(pool).active).toBe(1)
      const result = await shutdownDatabase(db, { pool })
      expect(finished).toBe(true)
      expect((await query).rows).toEqual([{ done: 1 }])
      expect(result).toEqual({ status: 'closed' })
      expect(getPoolMetrics(pool).total).toBe(0)
      const error = await catchError(() => sql`select 1`.execute(db))
      expect((error as Error).message).toBe('driver has already been destroyed')
    })

    it('gives up after timeoutMs while a query is still running', async () => {
      const { db, pool } = t.connectWithPool()
      const query = slowQuery(db, 1).execute(db)
      let finished = false
      void query.then(() => (finished = true))
      await wait(100)
      const result = await shutdownDatabase(db, { pool, timeoutMs: 100 })
      expect(result).toEqual({ status: 'timed-out' })
      expect(finished).toBe(false)
      await query // it still completes; the pool closes after it
    })
  }

  it('waits for an open transaction to commit before closing', async () => {
    await t.db.schema.createTable('shutdown_rows').ifNotExists().addColumn('id', 'integer', (c) => c.primaryKey()).execute()
    const { db, pool } = t.connectWithPool()
    let started: () => void = () => {}
    const isStarted = new Promise<void>((resolve) => (started = resolve))
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto('shutdown_rows').values({ id: 1 }).execute()
      started()
      await wait(200) // application work between statements
      await trx.insertInto('shutdown_rows').values({ id: 2 }).execute()
    })
    await isStarted
    const result = await shutdownDatabase(db, { pool })
    await transaction
    expect(result).toEqual({ status: 'closed' })
    const rows = await t.db.selectFrom('shutdown_rows').select('id').orderBy('id').execute()
    expect(rows).toEqual([{ id: 1 }, { id: 2 }])
  })

  it('returns the first call’s result to a second call', async () => {
    const db = t.connect()
    await sql`select 1`.execute(db)
    const first = shutdownDatabase(db)
    const second = shutdownDatabase(db)
    expect(second).toBe(first)
    expect(await second).toEqual({ status: 'closed' })
  })
})

describeEachDialect('createGracefulShutdown', (t) => {
  const disposers: (() => void)[] = []
  afterEach(() => {
    for (const dispose of disposers.splice(0)) dispose()
  })

  it('runs once on the first signal, ignoring the second, and closes the database after onShutdown', async () => {
    const db = t.connect()
    await sql`select 1`.execute(db)
    const steps: string[] = []
    const before = process.listenerCount('SIGTERM')
    const handle = createGracefulShutdown(db, {
      exit: false,
      onShutdown: async () => {
        steps.push('onShutdown')
        await sql`select 1`.execute(db) // the database is still open here
        steps.push('database still open')
      },
    })
    disposers.push(handle.dispose)
    expect(process.listenerCount('SIGTERM')).toBe(before + 1)
    process.emit('SIGTERM', 'SIGTERM')
    process.emit('SIGTERM', 'SIGTERM')
    process.emit('SIGINT', 'SIGINT')
    expect(await handle.shutdown()).toEqual({ status: 'closed' })
    expect(steps).toEqual(['onShutdown', 'database still open'])
    await expect(sql`select 1`.execute(db)).rejects.toThrow('driver has already been destroyed')
    handle.dispose()
    expect(process.listenerCount('SIGTERM')).toBe(before)
  })

  it('closes the database even when onShutdown throws, and logs the error', async () => {
    const db = t.connect()
    await sql`select 1`.execute(db)
    const errors: unknown[] = []
    const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (_m: string, e?: unknown) => errors.push(e) }
    const handle = createGracefulShutdown(db, {
      exit: false,
      signals: [],
      logger,
      onShutdown: () => {
        throw new Error('server.close failed')
      },
    })
    expect(await handle.shutdown()).toEqual({ status: 'closed' })
    expect((errors[0] as Error).message).toBe('server.close failed')
  })

  it('counts onShutdown against timeoutMs', async () => {
    const db = t.connect()
    const handle = createGracefulShutdown(db, { exit: false, signals: [], timeoutMs: 50, onShutdown: () => wait(2000) })
    expect(await handle.shutdown()).toEqual({ status: 'timed-out' })
    await db.destroy()
  })
})

describe('shutdown options', () => {
  it.each([
    ['timeoutMs', { timeoutMs: -1 }],
    ['signals', { signals: 'SIGTERM' }],
    ['signals', { signals: ['SIGTERM; rm -rf /'] }],
    ['onShutdown', { onShutdown: 'close' }],
    ['exit', { exit: 'no' }],
  ])('createGracefulShutdown rejects an invalid %s and registers no listener', (option, options) => {
    const before = process.listenerCount('SIGTERM')
    expect(() => createGracefulShutdown({} as never, options as never)).toThrow(BadRequestError)
    expect(() => createGracefulShutdown({} as never, options as never)).toThrow(`Invalid ${option}:`)
    expect(process.listenerCount('SIGTERM')).toBe(before)
  })

  it.each([
    ['timeoutMs', { timeoutMs: Number.NaN }],
    ['pool', { pool: { connections: 1 } }],
  ])('shutdownDatabase rejects an invalid %s', (option, options) => {
    expect(() => shutdownDatabase({} as never, options as never)).toThrow(`Invalid ${option}:`)
  })
})
