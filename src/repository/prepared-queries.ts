import { createQueryId, type Compilable, type CompiledQuery } from 'kysely'
import type { Executor } from '../core/index.js'
import type { KyseraDialectAdapter } from '../core/dialect/dialect-adapter.js'

/** The most shapes one repository keeps per Kysely instance. */
const MAX_SHAPES = 256

/**
 * The compiled SQL of a repository's fixed-shape statements — `findById` and the one-row reads other
 * methods do, `create` with one set of columns, `update` of one set of columns, reads and deletes by a
 * list of keys in one of the list forms `keySets` names — reused with each call's parameters.
 *
 * Kysely builds an operation-node tree and compiles it to SQL on every call; for a primary-key lookup
 * on SQLite that is more than a third of the time (about 2 µs of 5.5). A shape's SQL never depends on
 * its values, so it is compiled once per repository and Kysely instance and then sent through
 * `executor.executeQuery`, which is Kysely's own path for a compiled query (connection, transaction,
 * result plugins).
 *
 * Only used where nothing can rewrite the statement per call: the Kysely instance has no plugins of its
 * own (`withDebug`, `withSchema`, `CamelCasePlugin` …), and a repository plugin that intercepts queries
 * names its rewrite with `interceptionKey`, which becomes part of the shape (see
 * `RepositoryCore.execute`). A statement is also kept only when its compiled parameters are exactly the values the
 * caller passes, in order, and a call whose values hold an expression (which Kysely writes into the
 * SQL text instead of binding it: a raw `sql` fragment, an expression factory) is compiled on its own.
 */
export class PreparedQueries {
  readonly #byShape = new Map<string, CompiledQuery>()

  /**
   * The statement of `shape` carrying `parameters`: the kept one with these parameters, or the one
   * `build` makes (which must bind exactly `parameters`, in order, to be kept for the next call).
   */
  get(shape: string, parameters: readonly unknown[], build: () => Compilable): CompiledQuery {
    // A Kysely expression or expression factory among the values becomes SQL, not a parameter.
    if (parameters.some(isExpression)) return build().compile()
    const known = this.#byShape.get(shape)
    if (known !== undefined) return { sql: known.sql, query: known.query, queryId: createQueryId(), parameters }
    const compiled = build().compile()
    const lines = compiled.parameters.length === parameters.length && compiled.parameters.every((p, i) => p === parameters[i])
    // Updates of arbitrary column subsets could make shapes without end: past the bound, new ones are not kept.
    if (lines && this.#byShape.size < MAX_SHAPES) this.#byShape.set(shape, compiled)
    return compiled
  }
}

/** What Kysely turns into SQL rather than binding: an expression factory or anything with `toOperationNode`. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'function' || (typeof value === 'object' && value !== null && typeof (value as { toOperationNode?: unknown }).toOperationNode === 'function')
}

/**
 * The statements kept in `cache` for `executor`'s Kysely instance (keyed by its Kysera adapter, which
 * its transactions share), created on first use; `undefined` when the executor has Kysely plugins of its
 * own, which may rewrite every query differently (see {@link PreparedQueries}).
 */
export function keptStatements(cache: WeakMap<KyseraDialectAdapter, PreparedQueries>, executor: Executor, adapter: KyseraDialectAdapter): PreparedQueries | undefined {
  if (executor.getExecutor().plugins.length > 0) return undefined
  let kept = cache.get(adapter)
  if (kept === undefined) {
    kept = new PreparedQueries()
    cache.set(adapter, kept)
  }
  return kept
}
