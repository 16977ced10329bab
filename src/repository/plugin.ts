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
  /** Receives each query's result and returns it (possibly replaced). */
  afterQuery?(ctx: QueryContext, result: unknown): unknown
  /** Told about each failed query (the error is already typed); it cannot swallow the error. */
  onError?(ctx: QueryContext, error: unknown): void
  /** Adds or wraps repository methods; applied in plugin order. */
  extendRepository?<R extends object>(repo: R): R
}
