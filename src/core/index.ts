// `kysera/core`: every public export is named here.
export type { Dialect, Executor } from './dialect/dialect.js'
export type { ErrorHints } from './dialect/error-hints.js'
export { detectDialect } from './dialect/detect-dialect.js'

export { DatabaseError, type DatabaseErrorOptions, type DatabaseErrorJSON } from './errors/database-error.js'
export { UniqueConstraintError, type UniqueConstraintErrorFields } from './errors/unique-constraint-error.js'
export { ForeignKeyError, type ForeignKeyErrorFields } from './errors/foreign-key-error.js'
export { NotNullError, type NotNullErrorFields } from './errors/not-null-error.js'
export { CheckConstraintError, type CheckConstraintErrorFields } from './errors/check-constraint-error.js'
export { NotFoundError } from './errors/not-found-error.js'
export { BadRequestError } from './errors/bad-request-error.js'
export { ValidationError, type ValidationIssue } from './errors/validation-error.js'
export {
  isDatabaseError,
  isUniqueConstraintError,
  isForeignKeyError,
  isNotNullError,
  isCheckConstraintError,
  isNotFoundError,
  isBadRequestError,
  isValidationError,
} from './errors/type-guards.js'
export { parseDatabaseError } from './errors/parse-database-error.js'
export { resolveDatabaseError } from './errors/resolve-database-error.js'

export { withTransaction, type TransactionOptions } from './transaction/with-transaction.js'
export { ISOLATION_LEVELS, type IsolationLevel } from './transaction/isolation-level.js'

export { consoleLogger, silentLogger, type Logger, type LogFn } from './logger/logger.js'

export { paginate } from './pagination/paginate.js'
export { paginateCursor } from './pagination/paginate-cursor.js'
export { paginateCursorSimple, type PaginateCursorSimpleOptions } from './pagination/paginate-cursor-simple.js'
export { DEFAULT_LIMIT, DEFAULT_MAX_LIMIT } from './pagination/limits.js'
export type {
  PaginateOptions,
  PaginatedResult,
  OffsetPagination,
  CursorOrderBy,
  PaginateCursorOptions,
  CursorPagination,
  CursorPaginatedResult,
} from './pagination/pagination-types.js'

export { withDebug, type DebugKysely } from './debug/with-debug.js'
export type { DebugOptions } from './debug/debug-options.js'
export type { QueryMetric } from './debug/query-metric.js'
export {
  QueryProfiler,
  type ProfiledQuery,
  type QueryProfileSummary,
  type QueryProfilerOptions,
} from './debug/query-profiler.js'
export { formatSQL } from './debug/format-sql.js'

export { checkDatabaseHealth, DEFAULT_HEALTH_TIMEOUT_MS } from './health/check-database-health.js'
export type { HealthCheckOptions, HealthCheckResult, HealthStatus } from './health/health-types.js'
export { HealthMonitor, type HealthMonitorOptions } from './health/health-monitor.js'
export { createMetricsPool, getPoolMetrics, type MetricsPool, type PoolMetrics } from './health/pool-metrics.js'

export {
  createGracefulShutdown,
  type GracefulShutdown,
  type GracefulShutdownOptions,
} from './shutdown/graceful-shutdown.js'
export { shutdownDatabase, type ShutdownDatabaseOptions, type ShutdownResult } from './shutdown/shutdown-database.js'

export { withRetry, type RetryOptions, type RetryEvent, type Backoff } from './retry/with-retry.js'
export { isTransientError } from './retry/is-transient-error.js'
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './retry/circuit-breaker.js'
export { CircuitOpenError } from './retry/circuit-open-error.js'

export { KyseraSqliteDialect, type KyseraSqliteDialectConfig } from './sqlite/kysera-sqlite-dialect.js'
