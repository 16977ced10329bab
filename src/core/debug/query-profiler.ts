import { assertIntegerOption, assertOptionsObject, invalidOption } from '../options/assert-option.js'
import { RingBuffer } from './ring-buffer.js'

/** What {@link QueryProfiler.record} needs of a query; a {@link QueryMetric} fits. */
export interface ProfiledQuery {
  readonly sql: string
  /** Milliseconds. */
  readonly duration: number
}

/** Statistics over the queries a {@link QueryProfiler} holds. Durations in milliseconds; `0` when empty. */
export interface QueryProfileSummary {
  /** Queries in the window. */
  count: number
  /** Sum of their durations. */
  total: number
  average: number
  min: number
  max: number
  /** 95th percentile (nearest rank). */
  p95: number
  /** 99th percentile (nearest rank). */
  p99: number
  /** The slowest queries, slowest first (at most `slowestCount`). */
  slowest: ProfiledQuery[]
}

/** Options of {@link QueryProfiler}. */
export interface QueryProfilerOptions {
  /** Queries kept for the summary; older ones drop out. Default `10000`. */
  maxQueries?: number
  /** Length of `summary.slowest`. Default `10`. */
  slowestCount?: number
}

/**
 * Aggregates query durations into count, average, min, max, p95, p99 and the slowest queries.
 * Memory is bounded by `maxQueries`.
 *
 * @example
 * ```ts
 * const profiler = new QueryProfiler()
 * for (const m of debugDb.getMetrics()) profiler.record(m)
 * const { p95, slowest } = profiler.getSummary()
 * ```
 */
export class QueryProfiler {
  readonly #queries: RingBuffer<ProfiledQuery>
  readonly #slowestCount: number

  constructor(options: QueryProfilerOptions = {}) {
    assertOptionsObject('debug', options)
    const { maxQueries = 10_000, slowestCount = 10 } = options
    assertIntegerOption('debug', 'maxQueries', maxQueries, 1)
    assertIntegerOption('debug', 'slowestCount', slowestCount, 0)
    this.#queries = new RingBuffer(maxQueries)
    this.#slowestCount = slowestCount
  }

  /** Adds one query. Throws `BadRequestError` for a missing SQL text or a negative or non-finite duration. */
  record(query: ProfiledQuery): void {
    if (query === null || typeof query !== 'object' || typeof query.sql !== 'string') {
      throw invalidOption('debug', 'query', 'an object with sql and duration', query)
    }
    if (typeof query.duration !== 'number' || !Number.isFinite(query.duration) || query.duration < 0) {
      throw invalidOption('debug', 'query.duration', 'a finite number ≥ 0', query.duration)
    }
    this.#queries.push({ sql: query.sql, duration: query.duration })
  }

  /** Forgets every recorded query. */
  clear(): void {
    this.#queries.clear()
  }

  /** Statistics over the recorded queries. */
  getSummary(): QueryProfileSummary {
    const queries = this.#queries.toArray()
    const count = queries.length
    if (count === 0) return { count, total: 0, average: 0, min: 0, max: 0, p95: 0, p99: 0, slowest: [] }
    const bySlowest = [...queries].sort((a, b) => b.duration - a.duration)
    const total = queries.reduce((sum, q) => sum + q.duration, 0)
    // Nearest rank: the smallest duration with at least p% of the queries at or below it.
    const percentile = (p: number): number => (bySlowest[count - Math.ceil((p / 100) * count)] as ProfiledQuery).duration
    return {
      count,
      total,
      average: total / count,
      min: (bySlowest[count - 1] as ProfiledQuery).duration,
      max: (bySlowest[0] as ProfiledQuery).duration,
      p95: percentile(95),
      p99: percentile(99),
      slowest: bySlowest.slice(0, this.#slowestCount),
    }
  }
}
