import { sql, type Kysely } from 'kysely'
import { within } from '../internal/within.js'
import { assertFunctionOption, assertNumberOption, assertOptionsObject } from '../options/assert-option.js'
import type { HealthCheckOptions, HealthCheckResult, HealthStatus } from './health-types.js'
import { getPoolMetrics, type PoolMetrics } from './pool-metrics.js'

/** Default probe timeout in milliseconds. */
export const DEFAULT_HEALTH_TIMEOUT_MS = 5000

/**
 * Probes the database with `select 1` (or `query`) and reports `healthy`, `degraded` or `unhealthy`.
 *
 * A database problem never makes it throw: an unreachable server or a probe that does not answer
 * within `timeoutMs` gives `unhealthy` with the reason in `checks.database.error`. Its timer is
 * always cleared. Invalid options reject with `BadRequestError` (`INVALID_OPTION`).
 *
 * `degraded` means the probe answered, but took at least `degradedLatencyMs`, or callers are queued
 * for a pool connection.
 *
 * @example
 * ```ts
 * app.get('/health', async (_req, res) => {
 *   const health = await checkDatabaseHealth(db, { pool, timeoutMs: 2000 })
 *   res.status(health.status === 'unhealthy' ? 503 : 200).json(health)
 * })
 * ```
 */
export async function checkDatabaseHealth<DB>(db: Kysely<DB>, options: HealthCheckOptions<DB> = {}): Promise<HealthCheckResult> {
  assertOptionsObject('health', options)
  const { pool, timeoutMs = DEFAULT_HEALTH_TIMEOUT_MS, degradedLatencyMs = 1000, query = selectOne<DB> } = options
  assertNumberOption('health', 'timeoutMs', timeoutMs)
  assertNumberOption('health', 'degradedLatencyMs', degradedLatencyMs)
  assertFunctionOption('health', 'query', query)
  if (pool !== undefined) getPoolMetrics(pool) // an unsupported pool is a configuration error

  const started = performance.now()
  const probe = await withTimeout(() => query(db), timeoutMs)
  const latency = performance.now() - started
  const poolMetrics = pool === undefined ? undefined : getPoolMetrics(pool)

  const database = probe.ok ? { connected: true, latency } : { connected: false, latency, error: probe.error }
  return {
    status: statusOf(probe.ok, latency, degradedLatencyMs, poolMetrics),
    checks: poolMetrics === undefined ? { database } : { database, pool: poolMetrics },
    timestamp: Date.now(),
  }
}

function statusOf(ok: boolean, latency: number, degradedLatencyMs: number, pool: PoolMetrics | undefined): HealthStatus {
  if (!ok) return 'unhealthy'
  return latency >= degradedLatencyMs || (pool?.waiting ?? 0) > 0 ? 'degraded' : 'healthy'
}

async function selectOne<DB>(db: Kysely<DB>): Promise<unknown> {
  return sql`select 1`.execute(db)
}

type ProbeOutcome = { ok: true } | { ok: false; error: string }

/**
 * The probe's outcome within `timeoutMs`. A probe that loses keeps running on its connection (drivers
 * cannot cancel a query portably); its late result or error is ignored.
 */
async function withTimeout(run: () => Promise<unknown>, timeoutMs: number): Promise<ProbeOutcome> {
  try {
    const outcome = await within(Promise.resolve().then(run), timeoutMs)
    return outcome.done ? { ok: true } : { ok: false, error: `[kysera:health] no answer within ${timeoutMs} ms` }
  } catch (error) {
    return { ok: false, error: messageOf(error) }
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    // pg reports "connect ECONNREFUSED" for every address it tried as an AggregateError with no message.
    return error.errors.map(messageOf).join('; ')
  }
  if (error instanceof Error) return error.message || error.name
  return String(error)
}
