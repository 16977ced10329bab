/** One log method: a message, then optional structured context. */
export type LogFn = (message: string, ...args: unknown[]) => void

/**
 * What Kysera logs through. `console`, pino and most loggers fit it as they are. Library code never
 * writes to the console except through a logger the user can replace.
 *
 * @example
 * ```ts
 * withDebug(db, { logger: pino() })
 * ```
 */
export interface Logger {
  debug: LogFn
  info: LogFn
  warn: LogFn
  error: LogFn
}

/** Writes to the console, each message prefixed with `[kysera]`. */
export const consoleLogger: Logger = /* @__PURE__ */ Object.freeze({
  debug: (message: string, ...args: unknown[]) => console.debug(`[kysera] ${message}`, ...args),
  info: (message: string, ...args: unknown[]) => console.info(`[kysera] ${message}`, ...args),
  warn: (message: string, ...args: unknown[]) => console.warn(`[kysera] ${message}`, ...args),
  error: (message: string, ...args: unknown[]) => console.error(`[kysera] ${message}`, ...args),
})

const noop: LogFn = () => {}

/** Discards everything. The default wherever a Kysera API takes a logger, except `withDebug`, whose purpose is to log. */
export const silentLogger: Logger = /* @__PURE__ */ Object.freeze({ debug: noop, info: noop, warn: noop, error: noop })
