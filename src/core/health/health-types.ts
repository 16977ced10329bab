import type { Kysely } from 'kysely'
import type { PoolMetrics } from './pool-metrics.js'

/** `healthy`; `degraded` (answering, but slowly or with callers queued for a connection); `unhealthy` (no answer). */
export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy'

/** What {@link checkDatabaseHealth} reports. Plain data, safe to return from a health endpoint. */
export interface HealthCheckResult {
  status: HealthStatus
  checks: {
    database: {
      /** Whether the probe query answered within `timeoutMs`. */
      connected: boolean
      /** Milliseconds the probe took (or waited, when it timed out). */
      latency: number
      /** Why the probe failed: the driver's message, or a timeout notice. */
      error?: string
    }
    /** Pool counts, when a pool was given. */
    pool?: PoolMetrics
  }
  /** When the check finished, in milliseconds since the epoch. */
  timestamp: number
}

/** Options of {@link checkDatabaseHealth}. */
export interface HealthCheckOptions<DB = unknown> {
  /** The driver pool (or better-sqlite3 database) behind `db`, to include its {@link PoolMetrics}. */
  pool?: object
  /** The probe counts as failed after this many milliseconds. Default `5000`. */
  timeoutMs?: number
  /** A probe slower than this many milliseconds makes the status `degraded`. Default `1000`. */
  degradedLatencyMs?: number
  /** The probe. Default `select 1`; pass your own to also check a table you depend on. */
  query?: (db: Kysely<DB>) => Promise<unknown>
}
