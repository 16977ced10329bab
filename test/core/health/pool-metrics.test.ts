import { sql } from 'kysely'
import mysqlPromise from 'mysql2/promise'
import { describe, expect, it, vi } from 'vitest'
import { BadRequestError, createMetricsPool, getPoolMetrics, type MetricsPool } from '../../../src/core/index.js'
import { SERVER_URLS } from '../../setup/config.js'
import { describeEachDialect, type TestDatabase } from '../../setup/dialects.js'
import { slowQuery } from '../../setup/slow-query.js'
import type { DriverPool } from '../../setup/test-database.js'

describeEachDialect('getPoolMetrics', (t: TestDatabase) => {
  if (t.dialect === 'sqlite') {
    it('reports one connection, active while a transaction is open, closed after destroy', async () => {
      const { db, pool } = t.connectWithPool()
      await sql`select 1`.execute(db)
      expect(getPoolMetrics(pool)).toEqual({ total: 1, active: 0, idle: 1, waiting: 0, max: 1 })
      await db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx)
        expect(getPoolMetrics(pool)).toEqual({ total: 1, active: 1, idle: 0, waiting: 0, max: 1 })
      })
      expect(getPoolMetrics(pool).active).toBe(0)
      await db.destroy()
      expect(getPoolMetrics(pool)).toEqual({ total: 0, active: 0, idle: 0, waiting: 0, max: 1 })
    })
    return
  }

  it('follows active, idle and waiting connections while queries are in flight', async () => {
    const { db, pool } = t.connectWithPool({ poolSize: 2 })
    expect(getPoolMetrics(pool)).toEqual({ total: 0, active: 0, idle: 0, waiting: 0, max: 2 })

    const inFlight = [1, 2, 3].map(() => slowQuery(db, 0.4).execute(db))
    await vi.waitFor(() => expect(getPoolMetrics(pool)).toEqual({ total: 2, active: 2, idle: 0, waiting: 1, max: 2 }), {
      timeout: 5000,
      interval: 10,
    })
    // The third query gets a connection once one of the first two finishes.
    await vi.waitFor(() => expect(getPoolMetrics(pool)).toMatchObject({ active: 1, idle: 1, waiting: 0 }), { timeout: 5000, interval: 10 })
    await Promise.all(inFlight)
    expect(getPoolMetrics(pool)).toEqual({ total: 2, active: 0, idle: 2, waiting: 0, max: 2 })
  })

  if (t.dialect !== 'mysql') return
  it('reads a mysql2 promise pool as well as a callback pool', async () => {
    const promisePool = mysqlPromise.createPool({ uri: SERVER_URLS.mysql, connectionLimit: 4 })
    try {
      const held = await promisePool.getConnection()
      expect(getPoolMetrics(promisePool)).toEqual({ total: 1, active: 1, idle: 0, waiting: 0, max: 4 })
      held.release()
      expect(getPoolMetrics(promisePool)).toEqual({ total: 1, active: 0, idle: 1, waiting: 0, max: 4 })
    } finally {
      await promisePool.end()
    }
  })
})

describeEachDialect('createMetricsPool', (t) => {
  it('returns a pool the dialect can use, with getMetrics() on it', async () => {
    let raw: DriverPool | undefined
    const { db, pool } = t.connectWithPool<MetricsPool<DriverPool>>({
      wrapPool: (p) => {
        raw = p
        return createMetricsPool(p)
      },
    })
    const rows = await sql<{ one: number }>`select 1 as one`.execute(db)
    expect(rows.rows).toEqual([{ one: 1 }])
    await db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx)
      expect(pool.getMetrics().active).toBe(1)
    })
    expect(pool.getMetrics()).toEqual(getPoolMetrics(raw as DriverPool))
    expect(pool.getMetrics()).toMatchObject({ active: 0, idle: 1, total: 1 })
    expect('getMetrics' in pool).toBe(true)
    expect('getMetrics' in (raw as object)).toBe(false) // the driver's own object is untouched
  })
})

describe('getPoolMetrics input', () => {
  it.each([[{}], [{ totalCount: '3', idleCount: 1, waitingCount: 0 }], [{ _allConnections: [] }], [new Map()]])(
    'rejects %j with a BadRequestError',
    (value) => {
      expect(() => getPoolMetrics(value)).toThrow(BadRequestError)
      expect(() => createMetricsPool(value)).toThrow('[kysera:pool] Invalid pool:')
    },
  )
})
