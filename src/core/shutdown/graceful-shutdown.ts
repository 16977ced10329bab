import type { Kysely } from 'kysely'
import { silentLogger, type Logger } from '../logger/logger.js'
import {
  assertBooleanOption,
  assertFunctionOption,
  assertNumberOption,
  assertOptionsObject,
  invalidOption,
} from '../options/assert-option.js'
import { within } from '../internal/within.js'
import { shutdownDatabase, type ShutdownResult } from './shutdown-database.js'

/** Options of {@link createGracefulShutdown}. */
export interface GracefulShutdownOptions {
  /** Signals that start the shutdown. Default `['SIGTERM', 'SIGINT']`. */
  signals?: readonly NodeJS.Signals[]
  /** Longest wait for in-flight work before giving up, in milliseconds. Default `30000`. */
  timeoutMs?: number
  /** Runs first, before the pool closes: stop accepting requests here (close the HTTP server, drain queues). */
  onShutdown?: () => void | Promise<void>
  /**
   * After a signal-started shutdown, end the process: exit code 0 when the pool closed, 1 when it timed
   * out or failed. Default `true`; tests pass `false`. A direct `shutdown()` call never exits.
   */
  exit?: boolean
  /** The pool behind `db`, so in-flight transactions can finish first (see {@link shutdownDatabase}). */
  pool?: object
  /** Receives progress and errors. Default {@link silentLogger}. */
  logger?: Logger
}

/** Handle returned by {@link createGracefulShutdown}. */
export interface GracefulShutdown {
  /** Runs `onShutdown`, lets in-flight work finish and closes the pool. Every call returns the first call's promise. */
  shutdown(): Promise<ShutdownResult>
  /** Removes the signal listeners (the database stays open). */
  dispose(): void
}

/**
 * Closes the database cleanly when the process is told to stop: on the first of `signals` it runs
 * `onShutdown`, waits for in-flight queries (at most `timeoutMs`), closes the pool and, with `exit`,
 * ends the process. Further signals while it runs do not start it again.
 *
 * @example
 * ```ts
 * const { dispose } = createGracefulShutdown(db, {
 *   onShutdown: () => new Promise((done) => server.close(() => done())),
 *   timeoutMs: 10_000,
 * })
 * ```
 */
export function createGracefulShutdown<DB>(db: Kysely<DB>, options: GracefulShutdownOptions = {}): GracefulShutdown {
  assertOptionsObject('shutdown', options)
  const { signals = ['SIGTERM', 'SIGINT'], timeoutMs = 30_000, onShutdown, exit = true, pool, logger = silentLogger } = options
  if (!Array.isArray(signals) || signals.some((s) => typeof s !== 'string' || !/^SIG[A-Z0-9]+$/.test(s))) {
    throw invalidOption('shutdown', 'signals', 'an array of signal names such as SIGTERM', signals)
  }
  assertNumberOption('shutdown', 'timeoutMs', timeoutMs)
  assertFunctionOption('shutdown', 'onShutdown', onShutdown)
  assertBooleanOption('shutdown', 'exit', exit)

  let running: Promise<ShutdownResult> | undefined
  const shutdown = (): Promise<ShutdownResult> => {
    running ??= (async (): Promise<ShutdownResult> => {
      logger.info('[kysera:shutdown] shutting down')
      const started = performance.now()
      if (onShutdown !== undefined && !(await finishesWithin(onShutdown, timeoutMs, logger))) {
        logger.error(`[kysera:shutdown] onShutdown did not finish within ${timeoutMs} ms`)
        return { status: 'timed-out' }
      }
      // One budget for the whole shutdown: what onShutdown used is not available to the pool.
      const remaining = Math.max(0, timeoutMs - (performance.now() - started))
      const result = await shutdownDatabase(db, { timeoutMs: remaining, pool })
      if (result.status === 'closed') logger.info('[kysera:shutdown] database closed')
      else logger.error(`[kysera:shutdown] ${result.status}`, result.error)
      return result
    })()
    return running
  }

  const onSignal = (signal: NodeJS.Signals): void => {
    if (running !== undefined) {
      logger.warn(`[kysera:shutdown] ${signal} received while already shutting down`)
      return
    }
    logger.info(`[kysera:shutdown] ${signal} received`)
    void shutdown().then((result) => {
      if (exit) process.exit(result.status === 'closed' ? 0 : 1)
    })
  }
  for (const signal of signals) process.on(signal, onSignal)

  return {
    shutdown,
    dispose: (): void => {
      for (const signal of signals) process.off(signal, onSignal)
    },
  }
}

/** Runs `fn`; false if it is still running after `timeoutMs`. A throw is logged and counts as finished. */
async function finishesWithin(fn: () => void | Promise<void>, timeoutMs: number, logger: Logger): Promise<boolean> {
  const run = (async (): Promise<void> => {
    try {
      await fn()
    } catch (error) {
      logger.error('[kysera:shutdown] onShutdown threw; closing the database anyway', error)
    }
  })()
  return (await within(run, timeoutMs)).done
}
