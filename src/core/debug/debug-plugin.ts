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
  /** Milliseconds from `transformQuery` to `transformResult`. */
  readonly duration: number
  /** Start, in milliseconds since the epoch. */
  readonly timestamp: number
}

interface PendingQuery {
  readonly node: RootOperationNode
  readonly start: number
  readonly timestamp: number
}

/**
 * Times each query between `transformQuery` and `transformResult`, then hands it to `onQuery`.
 * Per-query state sits in a WeakMap keyed by `queryId`, so a query that fails (and never reaches
 * `transformResult`) leaves nothing behind.
 */
export class DebugPlugin implements KyselyPlugin {
  readonly #pending = new WeakMap<QueryId, PendingQuery>()
  readonly #onQuery: (query: FinishedQuery) => void

  constructor(onQuery: (query: FinishedQuery) => void) {
    this.#onQuery = onQuery
  }

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    this.#pending.set(queryId, { node, start: performance.now(), timestamp: Date.now() })
    return node
  }

  // Kysely's plugin interface is async here; the work itself is synchronous.
  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const pending = this.#pending.get(queryId)
    if (pending === undefined) return result
    this.#pending.delete(queryId)
    this.#onQuery({ node: pending.node, queryId, duration: performance.now() - pending.start, timestamp: pending.timestamp })
    return result
  }
}
