/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import type { Transaction } from 'kysely'
import { BadRequestError, withTransaction, type Executor } from '../core/index.js'
import { describeValue } from '../core/options/assert-option.js'
import { bulkCreate } from './bulk/bulk-create.js'
import { bulkDelete } from './bulk/bulk-delete.js'
import { bulkUpdate } from './bulk/bulk-update.js'
import { PluginRunner } from './plugin-runner.js'
import { count, exists, find, findById, findByIds, findOne, paginate, paginateCursor } from './read-methods.js'
import { REPOSITORY_CORE } from './core-ref.js'
import { RepositoryCore, type RepositorySettings } from './repository-core.js'
import type { CreateInputOf, EntityOf, Repository, RepositoryConfig, RepositorySchemas, UpdateInputOf } from './repository-types.js'
import { isStandardSchema, type StandardSchemaV1 } from './validation/standard-schema.js'
import { shouldValidateResults } from './validation/validation-mode.js'
import { create, remove, update, upsert } from './write-methods.js'

/**
 * A repository for one table, without plugins (use {@link createORM} for plugins).
 *
 * @example
 * ```ts
 * const users = createRepository(db, { tableName: 'users', schemas: { create: CreateUser } })
 * const user = await users.create({ email: 'a@example.com', name: 'Ada' })
 * const page = await users.paginate({ page: 2, where: { org_id: 7 } })
 * ```
 */
export function createRepository<DB, TB extends keyof DB & string, S extends RepositorySchemas = object, Entity = EntityOf<DB, TB, S>>(
  executor: Executor<DB>,
  config: RepositoryConfig<DB, TB, S, Entity>,
): Repository<DB, TB, Entity, CreateInputOf<DB, TB, S>, UpdateInputOf<DB, TB, S>> {
  return buildRepository(executor, config, new PluginRunner([]), executor) as never
}

/** Resolves a configuration once and assembles the repository (with the plugins' extensions). */
export function buildRepository(executor: Executor<any>, config: unknown, plugins: PluginRunner, rootExecutor: Executor<any>): object {
  const settings = resolveSettings(config, plugins, rootExecutor)
  return assemble(new RepositoryCore(settings, executor))
}

function assemble(core: RepositoryCore): object {
  const repository = {
    tableName: core.table,
    primaryKey: core.pk,
    executor: core.executor,
    findById: ready(core, (id: unknown) => findById(core, id)),
    findByIds: ready(core, (ids: unknown) => findByIds(core, ids)),
    findAll: ready(core, () => find(core, {}, 'findAll')),
    find: ready(core, (options?: unknown) => find(core, options)),
    findOne: ready(core, (where: unknown) => findOne(core, where)),
    count: ready(core, (where?: unknown) => count(core, where)),
    exists: ready(core, (where: unknown) => exists(core, where)),
    create: ready(core, (input: unknown) => create(core, input)),
    bulkCreate: ready(core, (inputs: unknown) => bulkCreate(core, inputs)),
    update: ready(core, (id: unknown, input: unknown) => update(core, id, input)),
    bulkUpdate: ready(core, (items: unknown) => bulkUpdate(core, items)),
    delete: ready(core, (id: unknown) => remove(core, id)),
    bulkDelete: ready(core, (ids: unknown) => bulkDelete(core, ids)),
    upsert: ready(core, (input: unknown, options: unknown) => upsert(core, input, options)),
    paginate: ready(core, (options?: unknown) => paginate(core, options)),
    paginateCursor: ready(core, (options: unknown) => paginateCursor(core, options)),
    withTransaction: (trx: Transaction<any>) => assemble(core.bind(trx)),
    transaction: <T>(fn: (repository: any) => Promise<T>) => withTransaction(core.executor, (trx) => fn(assemble(core.bind(trx)))),
    // For plugins' added methods (kept by `{ ...repo }` spreads, invisible to JSON and Object.keys).
    [REPOSITORY_CORE]: core,
  }
  return core.settings.plugins.extend(repository)
}

/**
 * `fn`, after the plugins' `onInit` (see `RepositoryCore.ready`). Once that has settled `fn` is called
 * directly: awaiting a settled promise would still cost every call a turn of the microtask queue.
 */
function ready<A extends unknown[], R>(core: RepositoryCore, fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => {
    if (!core.settings.plugins.initialized) return core.ready().then(() => fn(...args))
    try {
      return fn(...args)
    } catch (error) {
      return Promise.reject(error as Error)
    }
  }
}

function resolveSettings(config: unknown, plugins: PluginRunner, rootExecutor: Executor<any>): RepositorySettings {
  if (typeof config !== 'object' || config === null) throw invalidConfig('config', 'an object', config)
  const c = config as Partial<RepositoryConfig<any, any, RepositorySchemas, unknown>>
  if (typeof c.tableName !== 'string' || c.tableName === '') throw invalidConfig('tableName', 'a non-empty string', c.tableName)
  const primaryKey = c.primaryKey ?? 'id'
  if (typeof primaryKey !== 'string' || primaryKey === '') throw invalidConfig('primaryKey', 'a column name', primaryKey)
  if (c.mapRow !== undefined && typeof c.mapRow !== 'function') throw invalidConfig('mapRow', 'a function', c.mapRow)
  if (c.columns !== undefined && (!Array.isArray(c.columns) || c.columns.some((col) => typeof col !== 'string'))) {
    throw invalidConfig('columns', 'an array of column names', c.columns)
  }
  const schemas = c.schemas ?? {}
  for (const key of ['create', 'update', 'entity'] as const) {
    if (schemas[key] !== undefined && !isStandardSchema(schemas[key])) throw invalidConfig(`schemas.${key}`, 'a Standard Schema validator (zod 4, valibot, arktype)', schemas[key])
  }
  return {
    table: c.tableName,
    primaryKey,
    schemas: { ...schemas, ...withUpdateSchema(schemas) },
    mapRow: c.mapRow,
    validateResults: shouldValidateResults(c.validateDbResults),
    declaredColumns: c.columns,
    plugins,
    rootExecutor,
    prepared: new WeakMap(),
  }
}

/** `update` defaults to `create.partial()` when the create schema offers it (zod); otherwise it must be given. */
function withUpdateSchema(schemas: RepositorySchemas): { update?: StandardSchemaV1 } {
  if (schemas.update !== undefined || schemas.create === undefined) return {}
  const partial = (schemas.create as { partial?: unknown }).partial
  if (typeof partial === 'function') {
    const derived: unknown = partial.call(schemas.create)
    if (isStandardSchema(derived)) return { update: derived }
  }
  throw invalidConfig('schemas.update', 'a schema (the create schema has no partial() to derive one from)', undefined)
}

function invalidConfig(option: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(`[kysera:repository] Invalid ${option}: expected ${expected}, got ${describeValue(value)}`, { code: 'INVALID_OPTION' })
}

