import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'

/** A query that finished, before its SQL is compiled (that happens only when someone needs it). */
export interface FinishedQuery {
  readonly node: RootOperationNode
  readonly queryId: QueryId
  /** `performance.now()` when the query started; `performance.timeOrigin + start` is its epoch time. */
  readonly start: number
  /** Milliseconds from `transformQuery` to `transformResult`. */
  readonly duration: number
}

/** The record of a running query; it becomes the finished record (one object per query). */
interface PendingQuery {
  node: RootOperationNode
  queryId: QueryId
  start: number
  duration: number
}

/**
 * Times each query between `transformQuery` and `transformResult`, then hands it to `onQuery`.
 * Per-query state sits in a WeakMap keyed by `queryId`, so a query that fails (and never reaches
 * `transformResult`) leaves nothing behind. This runs on every query, so it does the least it can:
 * one object, one clock read at each end, no epoch clock (derived from `start` when needed).
 */
export class DebugPlugin implements KyselyPlugin {
  readonly #pending = new WeakMap<QueryId, PendingQuery>()
  readonly #onQuery: (query: FinishedQuery) => void

  constructor(onQuery: (query: FinishedQuery) => void) {
    this.#onQuery = onQuery
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    this.#pending.set(queryId, { node, queryId, start: performance.now(), duration: 0 })
    return node
  }

  // Kysely's plugin interface is async here; the work itself is synchronous.
  transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const query = this.#pending.get(queryId)
    if (query !== undefined) {
      this.#pending.delete(queryId)
      query.duration = performance.now() - query.start
      this.#onQuery(query)
    }
    return Promise.resolve(result)
  }
}
