import type { Logger } from '../logger/logger.js'
import type { QueryMetric } from './query-metric.js'

/** Options of {@link withDebug}. */
export interface DebugOptions {
  /** Log every query (SQL and duration) at `debug` level. Default `true`. */
  logQuery?: boolean
  /** Record and log bound parameters. Default `false`: parameters often hold personal data. */
  logParams?: boolean
  /** Queries taking at least this many milliseconds are slow: logged at `warn` and passed to `onSlowQuery`. Default `100`. */
  slowQueryThreshold?: number
  /** Called with each slow query's metric. */
  onSlowQuery?: (metric: QueryMetric) => void
  /** Where queries are logged. Default {@link consoleLogger}: this helper exists to show queries. */
  logger?: Logger
  /** How many metrics `getMetrics()` keeps; older ones are dropped. Default `1000`. */
  maxMetrics?: number
}
