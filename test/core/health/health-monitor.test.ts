import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { BadRequestError, HealthMonitor, type HealthCheckResult } from '../../../src/core/index.js'
import { describeEachDialect } from '../../setup/dialects.js'

describeEachDialect('HealthMonitor', (t) => {
  it('checks at once and then periodically, keeping the last result', async () => {
    const monitor = new HealthMonitor(t.db, { intervalMs: 10 })
    const results: HealthCheckResult[] = []
    expect(monitor.lastResult).toBeUndefined()
    monitor.start((r) => results.push(r))
    await vi.waitFor(() => expect(results.length).toBeGreaterThanOrEqual(3), { timeout: 5000, interval: 5 })
    monitor.stop()
    expect(results.every((r) => r.status === 'healthy')).toBe(true)
    expect(monitor.lastResult).toBe(results.at(-1))
  })

  it('never starts a check while the previous one is still running', async () => {
    let running = 0
    let most = 0
    let probes = 0
    // A probe slower than the interval: a fixed-rate timer would start the next one on top of it.
    const monitor = new HealthMonitor(t.db, {
      intervalMs: 1,
      query: async (db) => {
        running++
        probes++
        most = Math.max(most, running)
        await sql`select 1`.execute(db)
        await new Promise((resolve) => setTimeout(resolve, 20))
        running--
      },
    })
    monitor.start()
    await vi.waitFor(() => expect(probes).toBeGreaterThanOrEqual(4), { timeout: 5000, interval: 5 })
    monitor.stop()
    expect(most).toBe(1)
  })

  it('ignores a second start, and reports nothing after stop', async () => {
    const monitor = new HealthMonitor(t.db, { intervalMs: 10 })
    const first: HealthCheckResult[] = []
    const second: HealthCheckResult[] = []
    monitor.start((r) => first.push(r))
    monitor.start((r) => second.push(r))
    expect(monitor.running).toBe(true)
    await vi.waitFor(() => expect(first.length).toBeGreaterThanOrEqual(2), { timeout: 5000, interval: 5 })
    monitor.stop()
    monitor.stop() // stopping twice is harmless too
    const count = first.length
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(second).toEqual([])
    expect(first.length).toBe(count)
    expect(monitor.running).toBe(false)
  })

  it('reports an unreachable database as unhealthy on every check', async () => {
    const db = t.unreachable()
    const monitor = new HealthMonitor(db, { intervalMs: 10, timeoutMs: 2000 })
    const results: HealthCheckResult[] = []
    monitor.start((r) => results.push(r))
    await vi.waitFor(() => expect(results.length).toBeGreaterThanOrEqual(2), { timeout: 10_000, interval: 5 })
    monitor.stop()
    expect(results.map((r) => r.status)).toEqual(results.map(() => 'unhealthy'))
    await db.destroy().catch(() => {})
  })

  it('keeps checking when onCheck throws, and hands the error to the logger', async () => {
    const errors: unknown[] = []
    const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: (_m: string, e: unknown) => errors.push(e) }
    const monitor = new HealthMonitor(t.db, { intervalMs: 10, logger })
    let calls = 0
    monitor.start(() => {
      calls++
      throw new Error('dashboard down')
    })
    await vi.waitFor(() => expect(calls).toBeGreaterThanOrEqual(2), { timeout: 5000, interval: 5 })
    monitor.stop()
    expect(errors[0]).toBeInstanceOf(Error)
  })
})

describe('HealthMonitor options', () => {
  it.each([
    ['intervalMs', { intervalMs: 0 }],
    ['intervalMs', { intervalMs: -5 }],
    ['timeoutMs', { timeoutMs: -1 }],
    ['query', { query: 1 }],
  ])('rejects an invalid %s', (option, options) => {
    expect(() => new HealthMonitor({} as never, options as never)).toThrow(BadRequestError)
    expect(() => new HealthMonitor({} as never, options as never)).toThrow(`Invalid ${option}:`)
  })

  it('rejects a non-function onCheck', () => {
    expect(() => new HealthMonitor({} as never).start('log' as never)).toThrow('Invalid onCheck:')
  })
})
