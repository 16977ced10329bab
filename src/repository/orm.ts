/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import type { Transaction } from 'kysely'
import { BadRequestError, withTransaction, type Executor } from '../core/index.js'
import { describeValue } from '../core/options/assert-option.js'
import { buildRepository } from './create-repository.js'
import type { AnyQueryBuilder, Plugin, QueryOperation } from './plugin.js'
import { PluginRunner } from './plugin-runner.js'
import type { CreateInputOf, EntityOf, Repository, RepositoryConfig, RepositorySchemas, UpdateInputOf } from './repository-types.js'

/** Runs the ORM's plugins' `interceptQuery` on a query a hand-written repository built. */
export type ApplyPlugins = <QB extends AnyQueryBuilder>(qb: QB, operation: QueryOperation, table: string, metadata?: Record<string, unknown>) => QB

/** A hand-written repository: built from the executor and the ORM's plugin interceptors. */
export type RepositoryFactory<DB, R> = (executor: Executor<DB>, applyPlugins: ApplyPlugins) => R

/** Repositories sharing one executor and one list of plugins. */
export interface ORM<DB> {
  readonly executor: Executor<DB>
  readonly plugins: readonly Plugin[]
  /** A repository from a configuration, with the plugins applied. */
  createRepository<TB extends keyof DB & string, S extends RepositorySchemas = object, Entity = EntityOf<DB, TB, S>>(
    config: RepositoryConfig<DB, TB, S, Entity>,
  ): Repository<DB, TB, Entity, CreateInputOf<DB, TB, S>, UpdateInputOf<DB, TB, S>>
  /** A hand-written repository; `extendRepository` of the plugins is applied to it too. */
  createRepository<R extends object>(factory: RepositoryFactory<DB, R>): R
  /** Runs `fn` with an ORM bound to a transaction (a savepoint when already in one), same plugins. */
  transaction<T>(fn: (orm: ORM<DB>) => Promise<T>): Promise<T>
  /** Resolves once every plugin's `onInit` has run (repositories wait for it on their own). */
  ready(): Promise<void>
}

/**
 * Creates an ORM: plugins are given once, every repository created from it routes its queries through
 * them. `onInit` of each plugin runs once, before the first query.
 *
 * @example
 * ```ts
 * const orm = createORM(db, [softDeletePlugin(), timestampsPlugin()])
 * const users = orm.createRepository({ tableName: 'users', schemas: { create: CreateUser } })
 * await orm.transaction(async (tx) => {
 *   const txUsers = tx.createRepository({ tableName: 'users' })
 *   await txUsers.bulkCreate(rows)
 * })
 * ```
 */
export function createORM<DB>(executor: Executor<DB>, plugins: readonly Plugin[] = []): ORM<DB> {
  checkPlugins(plugins)
  return bind(executor, new PluginRunner(plugins), executor)
}

function bind<DB>(executor: Executor<DB>, runner: PluginRunner, rootExecutor: Executor<any>): ORM<DB> {
  const applyPlugins: ApplyPlugins = (qb, operation, table, metadata = {}) =>
    runner.intercept(qb, { operation, table, metadata: { method: 'custom', ...metadata } })
  const orm: ORM<DB> = {
    executor,
    plugins: runner.plugins,
    createRepository: ((configOrFactory: unknown) => {
      if (typeof configOrFactory === 'function') {
        const repository = (configOrFactory as RepositoryFactory<DB, object>)(executor, applyPlugins)
        return runner.extend(repository)
      }
      return buildRepository(executor, configOrFactory, runner, rootExecutor)
    }) as ORM<DB>['createRepository'],
    transaction: (fn) => withTransaction(executor, (trx: Transaction<DB>) => fn(bind(trx, runner, rootExecutor))),
    ready: () => runner.ready(rootExecutor),
  }
  return orm
}

/**
 * Groups repository factories so one call builds them all on an executor — the same code then runs
 * inside and outside a transaction.
 *
 * @example
 * ```ts
 * const createRepositories = createRepositoriesFactory({
 *   users: (ex) => createRepository(ex, { tableName: 'users' }),
 *   posts: (ex) => createRepository(ex, { tableName: 'posts' }),
 * })
 * await db.transaction().execute(async (trx) => {
 *   const { users, posts } = createRepositories(trx)
 * })
 * ```
 */
export function createRepositoriesFactory<F extends Record<string, (executor: any) => unknown>>(
  factories: F,
): (executor: Parameters<F[keyof F]>[0]) => { [K in keyof F]: ReturnType<F[K]> } {
  if (typeof factories !== 'object' || factories === null) {
    throw new BadRequestError(`[kysera:repository] Invalid factories: expected an object of functions, got ${describeValue(factories)}`, { code: 'INVALID_OPTION' })
  }
  for (const [name, factory] of Object.entries(factories)) {
    if (typeof factory !== 'function') {
      throw new BadRequestError(`[kysera:repository] Invalid factories.${name}: expected a function, got ${describeValue(factory)}`, { code: 'INVALID_OPTION' })
    }
  }
  return (executor) => Object.fromEntries(Object.entries(factories).map(([name, factory]) => [name, factory(executor)])) as never
}

/**
 * Short form of `createORM(executor, plugins).createRepository(factory)`.
 *
 * @example
 * ```ts
 * const users = withPlugins((ex, apply) => ({ active: () => apply(ex.selectFrom('users').selectAll(), 'select', 'users').execute() }), db, [softDeletePlugin()])
 * ```
 */
export function withPlugins<DB, R extends object>(factory: RepositoryFactory<DB, R>, executor: Executor<DB>, plugins: readonly Plugin[]): R {
  if (typeof factory !== 'function') {
    throw new BadRequestError(`[kysera:repository] Invalid factory: expected a function, got ${describeValue(factory)}`, { code: 'INVALID_OPTION' })
  }
  return createORM(executor, plugins).createRepository(factory)
}

function checkPlugins(plugins: unknown): void {
  if (!Array.isArray(plugins)) {
    throw new BadRequestError(`[kysera:repository] Invalid plugins: expected an array, got ${describeValue(plugins)}`, { code: 'INVALID_OPTION' })
  }
  const names = new Set<string>()
  for (const [i, plugin] of plugins.entries()) {
    const p = plugin as Partial<Plugin> | null
    if (typeof p !== 'object' || p === null || typeof p.name !== 'string' || p.name === '') {
      throw new BadRequestError(`[kysera:repository] Invalid plugins.${i}: expected a plugin with a name, got ${describeValue(plugin)}`, { code: 'INVALID_OPTION' })
    }
    if (names.has(p.name)) {
      throw new BadRequestError(`[kysera:repository] Invalid plugins.${i}: plugin "${p.name}" is listed twice`, { code: 'INVALID_OPTION' })
    }
    names.add(p.name)
  }
}
