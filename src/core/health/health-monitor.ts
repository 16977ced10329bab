import type { Kysely } from 'kysely'
import { silentLogger, type Logger } from '../logger/logger.js'
import { assertFunctionOption, assertNumberOption, assertOptionsObject } from '../options/assert-option.js'
import { checkDatabaseHealth } from './check-database-health.js'
import type { HealthCheckOptions, HealthCheckResult } from './health-types.js'

/** Options of {@link HealthMonitor}: those of {@link checkDatabaseHealth}, plus the interval. */
export interface HealthMonitorOptions<DB = unknown> extends HealthCheckOptions<DB> {
  /** Milliseconds between the end of one check and the start of the next. Default `30000`. */
  intervalMs?: number
  /** Receives an error thrown by the `onCheck` callback. Default {@link silentLogger}. */
  logger?: Logger
}

/**
 * Runs {@link checkDatabaseHealth} now and then every `intervalMs` until stopped. Checks never overlap:
 * the next one is scheduled when the previous one has finished.
 *
 * @example
 * ```ts
 * const monitor = new HealthMonitor(db, { intervalMs: 10_000, pool })
 * monitor.start((result) => { if (result.status !== 'healthy') alert(result) })
 * // on shutdown
 * monitor.stop()
 * ```
 */
export class HealthMonitor<DB = unknown> {
  readonly #db: Kysely<DB>
  readonly #options: HealthMonitorOptions<DB>
  readonly #intervalMs: number
  #timer: ReturnType<typeof setTimeout> | undefined
  #running = false
  /** Bumped by start and stop, so a check still in flight from an earlier start is not reported. */
  #generation = 0
  #lastResult: HealthCheckResult | undefined

  constructor(db: Kysely<DB>, options: HealthMonitorOptions<DB> = {}) {
    assertOptionsObject('health', options)
    assertNumberOption('health', 'intervalMs', options.intervalMs, 1)
    assertNumberOption('health', 'timeoutMs', options.timeoutMs)
    assertNumberOption('health', 'degradedLatencyMs', options.degradedLatencyMs)
    assertFunctionOption('health', 'query', options.query)
    this.#db = db
    this.#options = options
    this.#intervalMs = options.intervalMs ?? 30_000
  }

  /** The most recent result, or `undefined` before the first check finishes. */
  get lastResult(): HealthCheckResult | undefined {
    return this.#lastResult
  }

  /** Whether the monitor is started. */
  get running(): boolean {
    return this.#running
  }

  /**
   * Starts checking; `onCheck` receives every result. Calling it while running does nothing (the first
   * callback stays).
   */
  start(onCheck?: (result: HealthCheckResult) => void): void {
    assertFunctionOption('health', 'onCheck', onCheck)
    if (this.#running) return
    this.#running = true
    void this.#tick(onCheck, ++this.#generation)
  }

  /** Stops checking and clears the pending timer, so the monitor keeps nothing alive. A check already in flight finishes but is not reported. */
  stop(): void {
    this.#running = false
    this.#generation++
    clearTimeout(this.#timer)
    this.#timer = undefined
  }

  async #tick(onCheck: ((result: HealthCheckResult) => void) | undefined, generation: number): Promise<void> {
    const { pool, timeoutMs, degradedLatencyMs, query } = this.#options
    const result = await checkDatabaseHealth(this.#db, { pool, timeoutMs, degradedLatencyMs, query })
    if (generation !== this.#generation) return
    this.#lastResult = result
    try {
      onCheck?.(result)
    } catch (error) {
      ;(this.#options.logger ?? silentLogger).error('[kysera:health] onCheck threw', error)
    }
    if (generation === this.#generation) this.#timer = setTimeout(() => void this.#tick(onCheck, generation), this.#intervalMs)
  }
}
