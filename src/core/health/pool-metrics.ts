// Pool statistics read structurally from the three drivers' pool objects; no driver is imported.
import { boundProxy } from '../internal/bound-proxy.js'
import { invalidOption } from '../options/assert-option.js'

/** Connection counts of a pool at one moment. */
export interface PoolMetrics {
  /** Open connections (idle + active). */
  total: number
  /** Connections checked out and running work. */
  active: number
  /** Open connections waiting to be used. */
  idle: number
  /** Callers queued for a connection because the pool is at its limit. */
  waiting: number
  /** The pool's size limit, when the pool states one. */
  max?: number
}

/** A pool (or better-sqlite3 database) with {@link PoolMetrics} attached; otherwise the same object. */
export type MetricsPool<P extends object> = P & {
  /** The pool's current connection counts. */
  getMetrics(): PoolMetrics
}

interface PgPoolLike {
  totalCount: number
  idleCount: number
  waitingCount: number
  options?: { max?: unknown }
}

interface Countable {
  length: number
}

interface MysqlPoolLike {
  _allConnections: Countable
  _freeConnections: Countable
  _connectionQueue: Countable
  _closed?: unknown
  config?: { connectionLimit?: unknown }
}

interface SqliteDatabaseLike {
  open: boolean
  inTransaction: boolean
  prepare: unknown
}

/**
 * Current connection counts of a `pg` Pool, a `mysql2` pool (callback or promise API) or a
 * better-sqlite3 database. A better-sqlite3 database is one connection: active while a transaction is
 * open, otherwise idle; `waiting` is always 0 because its calls are synchronous.
 *
 * Throws `BadRequestError` (`INVALID_OPTION`) for any other object.
 *
 * @example
 * ```ts
 * const pool = new pg.Pool({ max: 10 })
 * getPoolMetrics(pool) // { total: 3, active: 1, idle: 2, waiting: 0, max: 10 }
 * ```
 */
export function getPoolMetrics(pool: object): PoolMetrics {
  if (isPgPool(pool)) {
    const max = typeof pool.options?.max === 'number' ? pool.options.max : undefined
    return withMax({ total: pool.totalCount, active: pool.totalCount - pool.idleCount, idle: pool.idleCount, waiting: pool.waitingCount }, max)
  }
  const mysqlPool = asMysqlPool(pool)
  if (mysqlPool !== undefined) {
    const limit = mysqlPool.config?.connectionLimit
    const max = typeof limit === 'number' ? limit : undefined
    // mysql2 keeps its connection list after end(); a closed pool has no open connections.
    if (mysqlPool._closed === true) return withMax({ total: 0, active: 0, idle: 0, waiting: 0 }, max)
    const total = mysqlPool._allConnections.length
    const idle = mysqlPool._freeConnections.length
    return withMax({ total, active: total - idle, idle, waiting: mysqlPool._connectionQueue.length }, max)
  }
  if (isSqliteDatabase(pool)) {
    const total = pool.open ? 1 : 0
    const active = pool.open && pool.inTransaction ? 1 : 0
    return { total, active, idle: total - active, waiting: 0, max: 1 }
  }
  throw invalidOption('pool', 'pool', 'a pg Pool, a mysql2 pool or a better-sqlite3 Database', pool)
}

/**
 * Returns `pool` with a `getMetrics()` method, leaving the original object untouched (a proxy), so the
 * same value can be handed to the Kysely dialect and to {@link checkDatabaseHealth}.
 *
 * @example
 * ```ts
 * const pool = createMetricsPool(new pg.Pool({ connectionString }))
 * const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) })
 * pool.getMetrics() // { total, active, idle, waiting, max }
 * ```
 */
export function createMetricsPool<P extends object>(pool: P): MetricsPool<P> {
  getPoolMetrics(pool) // rejects an unsupported object now rather than at the first health check
  return boundProxy(pool, { getMetrics: (): PoolMetrics => getPoolMetrics(pool) }) as MetricsPool<P>
}

function withMax(metrics: PoolMetrics, max: number | undefined): PoolMetrics {
  return max === undefined ? metrics : { ...metrics, max }
}

function isPgPool(pool: object): pool is PgPoolLike {
  const p = pool as Partial<PgPoolLike>
  return typeof p.totalCount === 'number' && typeof p.idleCount === 'number' && typeof p.waitingCount === 'number'
}

function asMysqlPool(pool: object): MysqlPoolLike | undefined {
  // The promise API (`mysql2/promise`) wraps the callback pool in `.pool`.
  const inner = (pool as { pool?: unknown }).pool
  const candidate = typeof inner === 'object' && inner !== null ? inner : pool
  const p = candidate as Partial<MysqlPoolLike>
  const countable = (value: unknown): boolean => typeof (value as Partial<Countable> | undefined)?.length === 'number'
  return countable(p._allConnections) && countable(p._freeConnections) && countable(p._connectionQueue)
    ? (candidate as MysqlPoolLike)
    : undefined
}

function isSqliteDatabase(pool: object): pool is SqliteDatabaseLike {
  const p = pool as Partial<SqliteDatabaseLike>
  return typeof p.open === 'boolean' && typeof p.inTransaction === 'boolean' && typeof p.prepare === 'function'
}
