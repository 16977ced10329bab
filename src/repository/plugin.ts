import type { DeleteQueryBuilder, InsertQueryBuilder, SelectQueryBuilder, UpdateQueryBuilder } from 'kysely'
import type { Executor } from '../core/index.js'

/** Which kind of statement a repository is about to run. */
export type QueryOperation = 'select' | 'insert' | 'update' | 'delete'

/** What a plugin learns about each repository query. */
export interface QueryContext {
  readonly operation: QueryOperation
  /** The repository's table. */
  readonly table: string
  /** The table's alias in the query, when the repository used one. */
  readonly alias?: string
  /**
   * Facts about the call: always `method` (the repository method, e.g. `'bulkUpdate'`); for writes the
   * affected `ids` when known. Plugins may read it; a hand-written repository passes its own.
   */
  readonly metadata: Readonly<Record<string, unknown>>
  /** The repository table's columns, when the query comes from a repository (hand-written ones have none). */
  readonly columns?: ReadonlySet<string>
}

/** What a repository write did, as `afterWrite` sees it. */
export type WriteOperation = 'INSERT' | 'UPDATE' | 'DELETE' | 'SOFT_DELETE' | 'RESTORE'

/** One row a write touched: its key, and the row before and/or after the write. */
export interface WrittenRow {
  readonly id: string | number | bigint
  readonly before?: Readonly<Record<string, unknown>>
  readonly after?: Readonly<Record<string, unknown>>
}

/** One repository write, reported once for all its rows (a bulk call is one event). */
export interface WriteEvent {
  readonly table: string
  readonly primaryKey: string
  readonly operation: WriteOperation
  /** The repository method, e.g. `'bulkUpdate'`. */
  readonly method: string
  readonly rows: readonly WrittenRow[]
}

/** What `prepareWrite` learns about the rows it may change. */
export interface WriteContext {
  readonly table: string
  /** `insert` rows are full new rows; `update` rows hold only the columns being changed. */
  readonly operation: 'insert' | 'update'
  readonly method: string
  readonly columns: ReadonlySet<string>
  /** Flags set by the caller, e.g. `{ skipTimestamps: true }` from `createWithoutTimestamps`. */
  readonly metadata: Readonly<Record<string, unknown>>
  /** The time of this write, once for the whole call, in the forms the dialect accepts. */
  readonly now: WriteTimestamp
}

/** One moment in the forms a timestamp column may want. */
export interface WriteTimestamp {
  readonly date: Date
  /** ISO-8601 text the dialect's timestamp columns accept (MySQL: `2024-01-02 03:04:05.678`). */
  readonly iso: string
  /** A bind value for a timestamp column: the `Date` itself, or ISO text on SQLite. */
  readonly native: unknown
  /** Whole seconds since the epoch. */
  readonly unix: number
}

/** Any Kysely query builder a repository hands to `interceptQuery`. */
/* eslint-disable @typescript-eslint/no-explicit-any -- plugins see builders of every table */
export type AnyQueryBuilder =
  | SelectQueryBuilder<any, any, any>
  | InsertQueryBuilder<any, any, any>
  | UpdateQueryBuilder<any, any, any, any>
  | DeleteQueryBuilder<any, any, any>
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * A repository plugin (DESIGN §4.4). Every hook is optional.
 *
 * @example
 * ```ts
 * const tenantPlugin = (tenantId: number): Plugin => ({
 *   name: 'tenant',
 *   version: '1.0.0',
 *   interceptQuery: (qb, ctx) =>
 *     ctx.operation === 'select' ? (qb as SelectQueryBuilder<any, any, any>).where('tenant_id', '=', tenantId) as typeof qb : qb,
 * })
 * ```
 */
export interface Plugin {
  readonly name: string
  readonly version: string
  /** Runs once per ORM before its first query (awaited). */
  onInit?(executor: Executor<any>): void | Promise<void> // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Receives every query builder a repository built, and returns it (possibly modified). */
  interceptQuery?<QB extends AnyQueryBuilder>(qb: QB, ctx: QueryContext): QB
  /**
   * Says how {@link interceptQuery} rewrites a query, so a repository may compile a fixed-shape statement
   * (`findById`, `create`, `update` of one column set) once and send it again with new values: two
   * queries of the same statement whose keys are equal must be rewritten identically, and the rewrite
   * must add no bound parameters of its own (a statement whose parameters are not exactly the
   * repository's values is never kept). Return `undefined` when the rewrite depends on anything else —
   * the caller's request (a tenant from async context), values — and the query is built and intercepted
   * on every call. Without this hook a plugin's `interceptQuery` runs on every query.
   *
   * @example
   * ```ts
   * // interceptQuery adds `where archived = false` to selects of covered tables, nothing else:
   * interceptionKey: (ctx) => (ctx.operation === 'select' && covered.has(ctx.table) ? 'live' : '')
   * ```
   */
  interceptionKey?(ctx: QueryContext): string | undefined
  /** Receives each query's result and returns it (possibly replaced). */
  afterQuery?(ctx: QueryContext, result: unknown): unknown
  /** Told about each failed query (the error is already typed); it cannot swallow the error. */
  onError?(ctx: QueryContext, error: unknown): void
  /** Adds or wraps repository methods; applied in plugin order. */
  extendRepository?<R extends object>(repo: R): R
  /**
   * Returns the rows about to be written, possibly with columns added (after validation, so schemas
   * need not declare them). Plugins touching different columns compose in any order.
   */
  prepareWrite?(rows: Record<string, unknown>[], ctx: WriteContext): Record<string, unknown>[]
  /** The column marking a row of `table` deleted, when this plugin turns deletes into soft deletes there. */
  softDeleteColumn?(table: string, columns: ReadonlySet<string>): string | undefined
  /** Whether writes to `table` should read the previous rows first (one query per call) for `afterWrite`. */
  needsPreviousRows?(table: string, columns: ReadonlySet<string>): boolean
  /** Runs after each write, inside its transaction and with its executor, so what it writes commits or rolls back with it. */
  afterWrite?(event: WriteEvent, executor: Executor<any>): void | Promise<void> // eslint-disable-line @typescript-eslint/no-explicit-any
}
