// The state and helpers every repository method shares: table, key, columns, plugins, and one way
// to run a query (plugins → execution → typed errors → afterQuery).
/* eslint-disable @typescript-eslint/no-explicit-any -- repositories build queries on a table chosen at runtime; the public types are checked at the API */
import type { CompiledQuery, Kysely, QueryResult, SelectQueryBuilder, Transaction } from 'kysely'
import { BadRequestError, isDatabaseError, resolveDatabaseError, ValidationError, type Executor } from '../core/index.js'
import type { KyseraDialectAdapter } from '../core/dialect/dialect-adapter.js'
import { getAdapter } from '../core/dialect/get-adapter.js'
import { describeValue } from '../core/options/assert-option.js'
import type { AnyQueryBuilder, QueryContext, QueryOperation } from './plugin.js'
import type { PluginRunner } from './plugin-runner.js'
import { PLUGIN_OPERATIONS, type PluginOperations } from './plugin-operations.js'
import { keptStatements, type PreparedQueries } from './prepared-queries.js'
import type { PrimaryKeyValue, RepositorySchemas } from './repository-types.js'
import type { StandardSchemaV1 } from './validation/standard-schema.js'

/** The resolved configuration of one repository, shared by every executor it is bound to. */
export interface RepositorySettings {
  readonly table: string
  readonly primaryKey: string
  readonly schemas: RepositorySchemas & { update?: StandardSchemaV1 }
  readonly mapRow: ((row: any) => unknown) | undefined
  readonly validateResults: boolean
  readonly declaredColumns: readonly string[] | undefined
  readonly plugins: PluginRunner
  /** The executor the ORM was created with; plugins' `onInit` runs on it. */
  readonly rootExecutor: Executor<any>
  /** Compiled fixed-shape statements, per Kysely instance (keyed by its Kysera adapter, which its transactions share). */
  readonly prepared: WeakMap<KyseraDialectAdapter, PreparedQueries>
}

export class RepositoryCore {
  /** The repository internals plugins build on (see `plugin-operations.ts`). */
  readonly operations: PluginOperations = PLUGIN_OPERATIONS
  readonly settings: RepositorySettings
  readonly executor: Kysely<any>
  readonly adapter: KyseraDialectAdapter
  /**
   * Set when fixed-shape statements may be compiled once (see `PreparedQueries`): the executor has no
   * Kysely plugins, and every plugin that intercepts queries says by a key how it rewrites them.
   */
  readonly prepared: PreparedQueries | undefined
  #columns: Promise<ReadonlySet<string>> | undefined
  /** The columns once `#columns` settled: hot paths read them without awaiting a settled promise. */
  #columnSet: ReadonlySet<string> | undefined

  constructor(settings: RepositorySettings, executor: Executor<any>, columns?: Promise<ReadonlySet<string>>, columnSet?: ReadonlySet<string>) {
    this.settings = settings
    this.executor = executor as Kysely<any>
    this.adapter = getAdapter(executor)
    this.prepared = settings.plugins.interceptsByKey ? keptStatements(settings.prepared, executor, this.adapter) : undefined
    this.#columns = columns
    this.#columnSet = columnSet
  }

  get table(): string {
    return this.settings.table
  }

  get pk(): string {
    return this.settings.primaryKey
  }

  /** The same repository state on another executor (a transaction). */
  bind(executor: Executor<any> | Transaction<any>): RepositoryCore {
    return new RepositoryCore(this.settings, executor, this.#columns, this.#columnSet)
  }

  /** The table's columns: declared in the configuration, or read once from the catalogue. */
  columns(): Promise<ReadonlySet<string>> {
    this.#columns ??= (async () => {
      if (this.settings.declaredColumns !== undefined) return new Set(this.settings.declaredColumns)
      const found = await this.adapter.tableColumns(this.executor, this.table)
      if (found.size === 0) {
        throw new BadRequestError(`[kysera:repository] Table "${this.table}" not found`, { code: 'UNKNOWN_TABLE' })
      }
      return new Set(found.keys())
    })()
    this.#columns.then(
      (set) => (this.#columnSet = set),
      () => (this.#columns = undefined),
    )
    return this.#columns
  }

  /** The columns when already read (no await needed), else `undefined`: then use {@link columns}. */
  get knownColumns(): ReadonlySet<string> | undefined {
    return this.#columnSet
  }

  /** Throws `BadRequestError` (`UNKNOWN_COLUMN`) for a key that is not a column; returns the row. */
  async checkRow(row: unknown, path: string): Promise<Record<string, unknown>> {
    return this.checkRowWith(await this.columns(), row, path)
  }

  /**
   * {@link checkRow} with the columns already loaded (bulk calls check thousands of rows). With
   * `index`, a `#` in `path` stands for it; the path is built only for an error message.
   */
  checkRowWith(columns: ReadonlySet<string>, row: unknown, path: string, index?: number): Record<string, unknown> {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      throw new BadRequestError(`[kysera:repository] Invalid ${itemPath(path, index)}: expected an object, got ${describeValue(row)}`, {
        code: 'INVALID_INPUT',
      })
    }
    const input = row as Record<string, unknown>
    let hasUndefined = false
    for (const key of Object.keys(input)) {
      if (!columns.has(key)) {
        throw new BadRequestError(`[kysera:repository] Unknown column ${describeValue(key)} in ${itemPath(path, index)} for table "${this.table}"`, {
          code: 'UNKNOWN_COLUMN',
        })
      }
      if (input[key] === undefined) hasUndefined = true
    }
    // The caller's object is used as it is (never modified) unless undefined values must be dropped.
    if (!hasUndefined) return input
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(input)) if (input[key] !== undefined) out[key] = input[key]
    return out
  }

  /** Throws `BadRequestError` unless `id` can be a primary-key value (`path` and `index` as in {@link checkRowWith}). */
  checkId(id: unknown, path = 'id', index?: number): PrimaryKeyValue {
    const ok =
      (typeof id === 'string' && id !== '') || (typeof id === 'number' && Number.isFinite(id)) || typeof id === 'bigint'
    if (!ok) {
      throw new BadRequestError(`[kysera:repository] Invalid ${itemPath(path, index)}: expected a non-empty string, a finite number or a bigint, got ${describeValue(id)}`, {
        code: 'INVALID_ID',
      })
    }
    return id as PrimaryKeyValue
  }

  /**
   * Runs the plugins' `onInit` once, on this executor. Every method awaits it before it opens a
   * transaction of its own: on SQLite, whose one connection a transaction holds, an `onInit` query on
   * another executor would wait for that transaction forever.
   */
  ready(): Promise<void> {
    return this.settings.plugins.ready(this.executor)
  }

  /** Throws `BadRequestError` (`DUPLICATE_ID`) for an id given twice in one bulk call. */
  duplicateId(id: PrimaryKeyValue, path: string): never {
    throw new BadRequestError(`[kysera:repository] Invalid ${path}: ${describeValue(String(id))} appears more than once`, { code: 'DUPLICATE_ID' })
  }

  context(operation: QueryOperation, method: string, extra: Record<string, unknown> = {}): QueryContext {
    // With the columns already read, `run` passes this object to the plugins as it is.
    return { operation, table: this.table, metadata: { method, ...extra }, columns: this.#columnSet }
  }

  /**
   * Runs one query: plugins may rewrite the builder, the driver's error becomes a typed Kysera error
   * (with catalogue details), and plugins see the result.
   */
  async run<QB extends AnyQueryBuilder, T>(ctx: QueryContext, qb: QB, execute: (qb: QB) => Promise<T>): Promise<T> {
    // Settled state is read synchronously: each await of a settled promise still costs a turn of the
    // microtask queue, and this runs for every query.
    const { plugins } = this.settings
    if (!plugins.initialized) await this.ready()
    const columns = this.#columnSet ?? (await this.columns())
    const seen: QueryContext | undefined = !plugins.seesQueries ? undefined : ctx.columns === undefined ? { ...ctx, columns } : ctx
    const intercepted = seen === undefined ? qb : plugins.intercept(qb, seen)
    let result: T
    try {
      result = await execute(intercepted)
    } catch (error) {
      return this.#fail(error, seen)
    }
    return seen !== undefined && plugins.hasAfterQuery ? this.#after(seen, result) : result
  }

  /**
   * Runs a statement whose SQL depends only on `shape` (the method and, for writes, the columns;
   * `undefined` for a statement never kept) and on how the plugins rewrite it: with {@link prepared}
   * set, the statement compiled the first time is sent again with `parameters` (in the order `build`
   * binds them) — per plugin interception key when plugins intercept (see `Plugin.interceptionKey`);
   * otherwise `build` makes the query and it runs through {@link run}. Either way the table's columns are known before SQL is sent, a driver error comes out
   * typed, and plugins see the query, its error, and its result as `take` makes it (what Kysely's
   * `executeTakeFirst` and friends would return) as in {@link run}.
   */
  async execute<T>(
    shape: string | undefined,
    parameters: readonly unknown[],
    build: () => AnyQueryBuilder,
    ctx: () => QueryContext,
    take: (result: QueryResult<Record<string, unknown>>) => T,
  ): Promise<T> {
    const { prepared } = this
    if (prepared === undefined || shape === undefined) return this.run(ctx(), build(), async (q) => take(await this.executor.executeQuery(q)))
    const { plugins } = this.settings
    if (!plugins.initialized) await this.ready()
    const columns = this.#columnSet ?? (await this.columns())
    let seen: QueryContext | undefined
    let compiled: CompiledQuery
    if (!plugins.seesQueries) {
      compiled = prepared.get(shape, parameters, build)
    } else {
      const given = ctx()
      const full = given.columns === undefined ? { ...given, columns } : given
      const key = plugins.interceptionKey(full)
      const intercepted = (): AnyQueryBuilder => plugins.intercept(build(), full)
      compiled = key === undefined ? intercepted().compile() : prepared.get(`${shape}\0${key}`, parameters, intercepted)
      seen = full
    }
    let result: T
    try {
      result = take(await this.executor.executeQuery<Record<string, unknown>>(compiled))
    } catch (error) {
      return this.#fail(error, seen)
    }
    return seen !== undefined && plugins.hasAfterQuery ? this.#after(seen, result) : result
  }

  /** Throws the driver's `error` as a typed Kysera error, after telling the plugins that saw the query. */
  async #fail(error: unknown, seen: QueryContext | undefined): Promise<never> {
    const typed = isDatabaseError(error) ? error : await resolveDatabaseError(this.executor, error, { table: this.table })
    if (seen !== undefined) this.settings.plugins.onError(seen, typed)
    throw typed
  }

  /** The result as the plugins' `afterQuery` hooks leave it. */
  async #after<T>(seen: QueryContext, result: T): Promise<T> {
    return (await this.settings.plugins.afterQuery(seen, result)) as T
  }

  /** Whether rows are returned as they are (no `mapRow`, no result validation): no `toEntities` needed. */
  get rowsAreEntities(): boolean {
    return this.settings.mapRow === undefined && (!this.settings.validateResults || this.settings.schemas.entity === undefined)
  }

  /** Rows as the repository returns them: validated against `schemas.entity` when enabled, then `mapRow`. */
  async toEntities(rows: Record<string, unknown>[]): Promise<unknown[]> {
    const { entity } = this.settings.schemas
    if (this.rowsAreEntities) return rows
    const out: unknown[] = []
    for (const row of rows) {
      let value: unknown = row
      if (this.settings.validateResults && entity !== undefined) {
        const result = await entity['~standard'].validate(row)
        if (result.issues !== undefined) {
          throw new ValidationError(
            result.issues.map((i) => ({ path: (i.path ?? []).map((p) => String(typeof p === 'object' ? p.key : p)).join('.'), message: i.message })),
            { code: 'INVALID_DB_RESULT', message: `[kysera:repository] A row of "${this.table}" does not match schemas.entity` },
          )
        }
        value = result.value
      }
      out.push(this.settings.mapRow === undefined ? value : this.settings.mapRow(value))
    }
    return out
  }

  /** `select * from table` as a builder for plugins to see. */
  selectAll(): SelectQueryBuilder<any, any, any> {
    return this.executor.selectFrom(this.table).selectAll()
  }
}

/** `path` with its `#` replaced by `index` (`items.#.data`, 3 → `items.3.data`). */
function itemPath(path: string, index: number | undefined): string {
  return index === undefined ? path : path.replace('#', String(index))
}
