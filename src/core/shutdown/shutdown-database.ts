import type { Kysely } from 'kysely'
import { getPoolMetrics } from '../health/pool-metrics.js'
import { within } from '../internal/within.js'
import { assertNumberOption, assertOptionsObject } from '../options/assert-option.js'

/** Options of {@link shutdownDatabase}. */
export interface ShutdownDatabaseOptions {
  /** Give up waiting after this many milliseconds. Default `30000`. */
  timeoutMs?: number
  /**
   * The driver pool (or better-sqlite3 database) behind `db`. With it, shutdown first waits until no
   * connection is checked out, so an open transaction can commit. mysql2 closes a connection after its
   * current statement, not after its transaction, so pass the pool on MySQL.
   */
  pool?: object
}

/** How a shutdown ended. */
export interface ShutdownResult {
  /** `closed`: the pool closed; `timed-out`: `timeoutMs` passed first; `failed`: closing threw (see `error`). */
  status: 'closed' | 'timed-out' | 'failed'
  /** The error closing the pool threw, when `status` is `failed`. */
  error?: unknown
}

/** How often the pool is polled while waiting for checked-out connections. */
const DRAIN_POLL_MS = 20

/**
 * Lets in-flight work finish, then closes `db`'s pool (`db.destroy()`); afterwards every query on `db`
 * fails with Kysely's "driver has already been destroyed". Resolves after at most `timeoutMs` (status
 * `timed-out`; the pool is still closed once the drain ends) and clears its timers either way. Calling
 * it again returns the first call's promise.
 *
 * @example
 * ```ts
 * const { status } = await shutdownDatabase(db, { timeoutMs: 10_000 })
 * ```
 */
export function shutdownDatabase<DB>(db: Kysely<DB>, options: ShutdownDatabaseOptions = {}): Promise<ShutdownResult> {
  assertOptionsObject('shutdown', options)
  const { timeoutMs = 30_000, pool } = options
  assertNumberOption('shutdown', 'timeoutMs', timeoutMs)
  if (pool !== undefined) getPoolMetrics(pool)
  // One shutdown per instance: a second call (a second signal) joins the first.
  let running = shutdowns.get(db)
  if (running === undefined) {
    running = close(db, pool, timeoutMs)
    shutdowns.set(db, running)
  }
  return running
}

const shutdowns = new WeakMap<object, Promise<ShutdownResult>>()

async function close<DB>(db: Kysely<DB>, pool: object | undefined, timeoutMs: number): Promise<ShutdownResult> {
  const state = { expired: false }
  const closing = (async (): Promise<void> => {
    await drain(db, pool, state)
    // Past the deadline this still closes the pool, so nothing new starts while the process ends.
    await db.destroy()
  })()
  try {
    if ((await within(closing, timeoutMs)).done) return { status: 'closed' }
    state.expired = true
    return { status: 'timed-out' }
  } catch (error) {
    return { status: 'failed', error }
  }
}

async function drain<DB>(db: Kysely<DB>, pool: object | undefined, state: { expired: boolean }): Promise<void> {
  // Taking a connection waits for the one Kysely's SQLite driver hands out one caller at a time, so an
  // open SQLite transaction ends before the database closes. Server pools hand one out at once.
  await db.connection().execute(async () => {})
  while (pool !== undefined && getPoolMetrics(pool).active > 0 && !state.expired) {
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS))
  }
}
