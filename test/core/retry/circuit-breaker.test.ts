import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  BadRequestError,
  CircuitBreaker,
  CircuitOpenError,
  DatabaseError,
  isDatabaseError,
  type CircuitState,
} from '../../../src/core/index.js'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect } from '../../setup/dialects.js'

const fail = (): Promise<never> => Promise.reject(new Error('database down'))
const succeed = (): Promise<string> => Promise.resolve('ok')

describe('CircuitBreaker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('opens after failureThreshold consecutive failures and then fails fast without calling fn', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3, resetTimeoutMs: 1000 })
    for (let i = 0; i < 3; i++) await expect(breaker.execute(fail)).rejects.toThrow('database down')
    expect(breaker.state).toBe('open')
    let called = false
    const error = await catchError(() => breaker.execute(() => ((called = true), succeed())))
    expect(called).toBe(false)
    expect(error).toBeInstanceOf(CircuitOpenError)
    expect(error).toBeInstanceOf(DatabaseError)
    expect(error).toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 1000 })
    expect((error as CircuitOpenError).toJSON()).toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 1000 })
  })

  it('counts only consecutive failures: a success resets the count', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 3 })
    for (const outcome of [fail, fail, succeed, fail, fail, succeed, fail, fail]) {
      if (outcome === fail) await catchError(() => breaker.execute(fail))
      else await breaker.execute(succeed)
    }
    expect(breaker.state).toBe('closed')
    expect(breaker.failureCount).toBe(2)
    await catchError(() => breaker.execute(fail))
    expect(breaker.state).toBe('open')
  })

  it('after resetTimeoutMs lets exactly one probe through while concurrent callers are refused; success closes', async () => {
    const changes: [CircuitState, CircuitState][] = []
    const breaker = new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1000, onStateChange: (s, p) => changes.push([s, p]) })
    await catchError(() => breaker.execute(fail))
    vi.advanceTimersByTime(999)
    await expect(breaker.execute(succeed)).rejects.toMatchObject({ retryAfterMs: 1 })
    vi.advanceTimersByTime(1)

    let finishProbe: (value: string) => void = () => {}
    let probes = 0
    const probe = breaker.execute(() => {
      probes++
      return new Promise<string>((resolve) => (finishProbe = resolve))
    })
    expect(breaker.state).toBe('half-open')
    const others = await Promise.all(Array.from({ length: 10 }, () => catchError(() => breaker.execute(succeed))))
    expect(others.every((e) => e instanceof CircuitOpenError && e.retryAfterMs === 0)).toBe(true)
    finishProbe('probe ok')
    expect(await probe).toBe('probe ok')
    expect(probes).toBe(1)
    expect(breaker.state).toBe('closed')
    expect(await breaker.execute(succeed)).toBe('ok')
    expect(changes).toEqual([
      ['open', 'closed'],
      ['half-open', 'open'],
      ['closed', 'half-open'],
    ])
  })

  it('opens again for another resetTimeoutMs when the probe fails', async () => {
    const changes: CircuitState[] = []
    const breaker = new CircuitBreaker({ failureThreshold: 2, resetTimeoutMs: 500, onStateChange: (s) => changes.push(s) })
    await catchError(() => breaker.execute(fail))
    await catchError(() => breaker.execute(fail))
    vi.advanceTimersByTime(500)
    await expect(breaker.execute(fail)).rejects.toThrow('database down')
    expect(breaker.state).toBe('open')
    await expect(breaker.execute(succeed)).rejects.toMatchObject({ retryAfterMs: 500 })
    expect(changes).toEqual(['open', 'half-open', 'open'])
  })

  it('ignores the outcome of calls that started before the breaker opened', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, resetTimeoutMs: 1000 })
    let finishSlow: (value: string) => void = () => {}
    const slow = breaker.execute(() => new Promise<string>((resolve) => (finishSlow = resolve)))
    await catchError(() => breaker.execute(fail))
    expect(breaker.state).toBe('open')
    finishSlow('late')
    expect(await slow).toBe('late')
    expect(breaker.state).toBe('open')
  })

  it('reset() closes the breaker and clears the count', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1 })
    await catchError(() => breaker.execute(fail))
    breaker.reset()
    expect(breaker.state).toBe('closed')
    expect(breaker.failureCount).toBe(0)
    expect(await breaker.execute(succeed)).toBe('ok')
  })

  it('lets isFailure decide what counts', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, isFailure: (e) => (e as Error).message !== 'expected' })
    await catchError(() => breaker.execute(() => Promise.reject(new Error('expected'))))
    expect(breaker.state).toBe('closed')
  })

  it.each([
    ['failureThreshold', { failureThreshold: 0 }],
    ['failureThreshold', { failureThreshold: 1.5 }],
    ['resetTimeoutMs', { resetTimeoutMs: -1 }],
    ['onStateChange', { onStateChange: {} }],
    ['isFailure', { isFailure: 'all' }],
  ])('rejects an invalid %s with a BadRequestError naming it', (option, options) => {
    expect(() => new CircuitBreaker(options as never)).toThrow(BadRequestError)
    expect(() => new CircuitBreaker(options as never)).toThrow(`Invalid ${option}:`)
  })
})

describeEachDialect('CircuitBreaker on a real database', (t) => {
  it('is not opened by constraint violations, only by a database that does not answer', async () => {
    await t.db.schema.createTable('cb_rows').addColumn('id', 'integer', (c) => c.primaryKey()).execute()
    await t.db.insertInto('cb_rows').values({ id: 1 }).execute()
    const breaker = new CircuitBreaker({ failureThreshold: 2, resetTimeoutMs: 60_000 })
    for (let i = 0; i < 5; i++) {
      const duplicate = await catchError(() => breaker.execute(() => t.db.insertInto('cb_rows').values({ id: 1 }).execute()))
      expect(isDatabaseError(duplicate)).toBe(false) // the driver error passes through untouched
    }
    expect(breaker.state).toBe('closed')

    const down = t.unreachable()
    let attempts = 0
    const call = (): Promise<unknown> =>
      breaker.execute(() => {
        attempts++
        return sql`select 1`.execute(down)
      })
    await catchError(call)
    await catchError(call)
    expect(breaker.state).toBe('open')
    expect(await catchError(call)).toBeInstanceOf(CircuitOpenError)
    expect(attempts).toBe(2)
    await down.destroy().catch(() => {})
  })
})
