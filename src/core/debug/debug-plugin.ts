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
 * This runs on every query, so it does the least it can: one object, one clock read at each end, no
 * epoch clock (derived from `start` when needed). The running query sits in one slot; only when
 * another query starts before it finishes (concurrent queries on a pool) does the earlier one move to
 * a WeakMap keyed by `queryId`. A query that fails (and never reaches `transformResult`) leaves
 * nothing behind: its record is overwritten, or dropped with its `queryId`.
 */
export class DebugPlugin implements KyselyPlugin {
  readonly #waiting = new WeakMap<QueryId, PendingQuery>()
  #running: PendingQuery | undefined
  readonly #onQuery: (query: FinishedQuery) => void

  constructor(onQuery: (query: FinishedQuery) => void) {
    this.#onQuery = onQuery
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    if (this.#running !== undefined) this.#waiting.set(this.#running.queryId, this.#running)
    this.#running = { node, queryId, start: performance.now(), duration: 0 }
    return node
  }

  // Kysely's plugin interface is async here; the work itself is synchronous.
  transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    let query = this.#running
    if (query?.queryId === queryId) this.#running = undefined
    else {
      query = this.#waiting.get(queryId)
      this.#waiting.delete(queryId)
    }
    if (query !== undefined) {
      query.duration = performance.now() - query.start
      this.#onQuery(query)
    }
    return Promise.resolve(result)
  }
}
