import type {
  CompiledQuery,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryId,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely'
import type { QueryMetric } from './query-metric.js'

interface PendingQuery {
  readonly node: RootOperationNode
  readonly start: number
  readonly timestamp: number
}

/**
 * Times each query between `transformQuery` and `transformResult`, then hands the finished query to
 * `onQuery`. Per-query state sits in a WeakMap keyed by `queryId`, so a query that fails (and never
 * reaches `transformResult`) leaves nothing behind.
 */
export class DebugPlugin implements KyselyPlugin {
  readonly #pending = new WeakMap<QueryId, PendingQuery>()
  readonly #compile: (node: RootOperationNode, queryId: QueryId) => CompiledQuery
  readonly #onQuery: (metric: QueryMetric) => void
  readonly #withParams: boolean

  constructor(
    compile: (node: RootOperationNode, queryId: QueryId) => CompiledQuery,
    onQuery: (metric: QueryMetric) => void,
    withParams: boolean,
  ) {
    this.#compile = compile
    this.#onQuery = onQuery
    this.#withParams = withParams
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
    const duration = performance.now() - pending.start
    // The node this plugin saw is the node Kysely compiles when this plugin is the last one, and
    // compiling is deterministic, so the SQL below is the SQL the driver received.
    const compiled = this.#compile(pending.node, queryId)
    this.#onQuery({
      sql: compiled.sql,
      params: this.#withParams ? compiled.parameters : [],
      duration,
      timestamp: pending.timestamp,
    })
    return result
  }
}
