import { describe, expect, it } from 'vitest'
import { BadRequestError, QueryProfiler } from '../../../src/core/index.js'

describe('QueryProfiler', () => {
  it('summarises count, total, average, min, max, p95, p99 and the slowest queries', () => {
    const profiler = new QueryProfiler({ slowestCount: 3 })
    // Recorded out of order, so the summary cannot rely on insertion order.
    for (const d of [...Array.from({ length: 100 }, (_, i) => i + 1)].reverse()) profiler.record({ sql: `q${d}`, duration: d })
    expect(profiler.getSummary()).toEqual({
      count: 100,
      total: 5050,
      average: 50.5,
      min: 1,
      max: 100,
      p95: 95,
      p99: 99,
      slowest: [
        { sql: 'q100', duration: 100 },
        { sql: 'q99', duration: 99 },
        { sql: 'q98', duration: 98 },
      ],
    })
  })

  it('uses the nearest rank for percentiles of small samples', () => {
    const profiler = new QueryProfiler()
    for (const duration of [10, 20, 30]) profiler.record({ sql: 'x', duration })
    expect(profiler.getSummary()).toMatchObject({ count: 3, p95: 30, p99: 30, min: 10, max: 30, average: 20 })
  })

  it('reports zeros when empty and after clear()', () => {
    const profiler = new QueryProfiler()
    const empty = { count: 0, total: 0, average: 0, min: 0, max: 0, p95: 0, p99: 0, slowest: [] }
    expect(profiler.getSummary()).toEqual(empty)
    profiler.record({ sql: 'x', duration: 5 })
    profiler.clear()
    expect(profiler.getSummary()).toEqual(empty)
  })

  it('keeps only the newest maxQueries', () => {
    const profiler = new QueryProfiler({ maxQueries: 2 })
    for (const duration of [100, 1, 2]) profiler.record({ sql: 'x', duration })
    expect(profiler.getSummary()).toMatchObject({ count: 2, max: 2, min: 1 })
  })

  it('accepts the metrics withDebug records (extra fields are ignored)', () => {
    const profiler = new QueryProfiler()
    profiler.record({ sql: 'select 1', duration: 1.5, params: [], timestamp: 0 } as never)
    expect(profiler.getSummary().slowest).toEqual([{ sql: 'select 1', duration: 1.5 }])
  })

  it.each([
    [null, 'query'],
    [{ duration: 1 }, 'query'],
    [{ sql: 'x', duration: -1 }, 'query.duration'],
    [{ sql: 'x', duration: Number.POSITIVE_INFINITY }, 'query.duration'],
    [{ sql: 'x', duration: '5' }, 'query.duration'],
  ])('rejects %j as a BadRequestError naming %s, and records nothing', (query, option) => {
    const profiler = new QueryProfiler()
    expect(() => profiler.record(query as never)).toThrow(BadRequestError)
    expect(() => profiler.record(query as never)).toThrow(`Invalid ${option}:`)
    expect(profiler.getSummary().count).toBe(0)
  })

  it.each([
    ['maxQueries', { maxQueries: 0 }],
    ['slowestCount', { slowestCount: -1 }],
  ])('rejects an invalid %s', (option, options) => {
    expect(() => new QueryProfiler(options)).toThrow(`Invalid ${option}:`)
  })
})
