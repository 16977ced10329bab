import type { Kysely } from 'kysely'
import { consoleLogger } from '../logger/logger.js'
import {
  assertBooleanOption,
  assertFunctionOption,
  assertIntegerOption,
  assertNumberOption,
  assertOptionsObject,
  invalidOption,
} from '../options/assert-option.js'
import { DebugPlugin } from './debug-plugin.js'
import type { DebugOptions } from './debug-options.js'
import type { QueryMetric } from './query-metric.js'
import { RingBuffer } from './ring-buffer.js'

/** A Kysely instance returned by {@link withDebug}: the same database, plus the recorded metrics. */
export type DebugKysely<DB> = Kysely<DB> & {
  /** The recorded queries, oldest first (at most `maxMetrics`). */
  getMetrics(): QueryMetric[]
  /** Forgets every recorded query. */
  clearMetrics(): void
}

/**
 * Returns `db` with a Kysely plugin that records every query's SQL, parameters (with `logParams`) and
 * duration, logs it, and reports slow ones. The original instance is unchanged; transactions opened
 * from the returned one are recorded too.
 *
 * Apply it last: the recorded SQL is the SQL sent when no plugin added after it rewrites the query.
 * Only queries that succeed are recorded (Kysely's plugin interface does not see failures).
 *
 * @example
 * ```ts
 * const debugDb = withDebug(db, { slowQueryThreshold: 50, onSlowQuery: (m) => metrics.observe(m.duration) })
 * await debugDb.selectFrom('users').selectAll().execute()
 * debugDb.getMetrics() // [{ sql: 'select * from "users"', params: [], duration: 0.8, timestamp: 1732… }]
 * ```
 */
export function withDebug<DB>(db: Kysely<DB>, options: DebugOptions = {}): DebugKysely<DB> {
  assertOptionsObject('debug', options)
  const { logQuery = true, logParams = false, slowQueryThreshold = 100, onSlowQuery, logger = consoleLogger, maxMetrics = 1000 } =
    options
  assertBooleanOption('debug', 'logQuery', logQuery)
  assertBooleanOption('debug', 'logParams', logParams)
  assertNumberOption('debug', 'slowQueryThreshold', slowQueryThreshold)
  assertFunctionOption('debug', 'onSlowQuery', onSlowQuery)
  assertIntegerOption('debug', 'maxMetrics', maxMetrics, 0)
  if (logger === null || typeof logger !== 'object' || typeof logger.debug !== 'function' || typeof logger.warn !== 'function') {
    throw invalidOption('debug', 'logger', 'an object with debug, info, warn and error methods', logger)
  }

  const metrics = new RingBuffer<QueryMetric>(maxMetrics)
  const onQuery = (metric: QueryMetric): void => {
    metrics.push(metric)
    const slow = metric.duration >= slowQueryThreshold
    if (logQuery || slow) {
      const line = `[kysera:debug] ${slow ? 'slow query ' : ''}${metric.duration.toFixed(2)} ms: ${metric.sql}`
      const log = slow ? logger.warn : logger.debug
      if (logParams) log(line, metric.params)
      else log(line)
    }
    if (slow && onSlowQuery !== undefined) {
      // A failing callback must not turn a successful query into a failed one.
      try {
        onSlowQuery(metric)
      } catch (error) {
        logger.error('[kysera:debug] onSlowQuery threw', error)
      }
    }
  }

  const executor = db.getExecutor()
  const plugin = new DebugPlugin((node, queryId) => executor.compileQuery(node, queryId), onQuery, logParams)
  return Object.assign(db.withPlugin(plugin), {
    getMetrics: (): QueryMetric[] => metrics.toArray(),
    clearMetrics: (): void => metrics.clear(),
  })
}
