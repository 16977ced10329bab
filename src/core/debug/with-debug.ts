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
import { DebugPlugin, type FinishedQuery } from './debug-plugin.js'
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

  const executor = db.getExecutor()
  // The node this plugin saw is the node Kysely compiles when this plugin is the last one, and
  // compiling is deterministic, so compiling it again gives the SQL the driver received. It is done
  // only when needed (logging, a slow query, getMetrics), which keeps the plugin cheap on hot paths.
  const toMetric = (query: FinishedQuery): QueryMetric => {
    const compiled = executor.compileQuery(query.node, query.queryId)
    return { sql: compiled.sql, params: logParams ? compiled.parameters : [], duration: query.duration, timestamp: performance.timeOrigin + query.start }
  }
  const metrics = new RingBuffer<FinishedQuery | QueryMetric>(maxMetrics)

  const onQuery = (query: FinishedQuery): void => {
    const slow = query.duration >= slowQueryThreshold
    if (!logQuery && !slow) {
      metrics.push(query)
      return
    }
    const metric = toMetric(query)
    // Only slow queries keep their compiled form; the others stay lazy, so a long-running process does
    // not hold thousands of SQL strings and parameter arrays (less garbage-collector work per query).
    metrics.push(slow ? metric : query)
    const line = `[kysera:debug] ${slow ? 'slow query ' : ''}${metric.duration.toFixed(2)} ms: ${metric.sql}`
    const log = slow ? logger.warn : logger.debug
    if (logParams) log(line, metric.params)
    else log(line)
    if (slow && onSlowQuery !== undefined) {
      // A failing callback must not turn a successful query into a failed one.
      try {
        onSlowQuery(metric)
      } catch (error) {
        logger.error('[kysera:debug] onSlowQuery threw', error)
      }
    }
  }

  const plugin = new DebugPlugin(onQuery)
  return Object.assign(db.withPlugin(plugin), {
    getMetrics: (): QueryMetric[] => metrics.toArray().map((m) => ('sql' in m ? m : toMetric(m))),
    clearMetrics: (): void => metrics.clear(),
  })
}
