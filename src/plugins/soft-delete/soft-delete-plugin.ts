/* eslint-disable @typescript-eslint/no-explicit-any -- plugins work on every table */
import { expressionBuilder, type Expression, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type SelectQueryBuilder, type SqlBool, type UnknownRow } from 'kysely'
import { BadRequestError, type Executor } from '../../core/index.js'
import { schemaBasics } from '../../core/dialect/schema-basics.js'
import { describeValue } from '../../core/options/assert-option.js'
import type { Plugin, QueryContext } from '../../repository/index.js'
import type { PrimaryKeyValue } from '../../repository/repository-types.js'
import { extendWith } from '../shared/plugin-options.js'
import { resolveSoftDeleteOptions, type SoftDeleteOptions } from './soft-delete-options.js'
import { SoftDeleteTransformer } from './soft-delete-transformer.js'

/** Methods the soft-delete plugin adds to a repository. */
export interface SoftDeleteMethods<Entity = unknown> {
  /** Marks the row deleted (a second call keeps the first timestamp). `NotFoundError` when no such row. */
  softDelete(id: PrimaryKeyValue): Promise<void>
  /** Marks every row deleted, or none when an id does not exist (`NotFoundError`). */
  softDeleteMany(ids: readonly PrimaryKeyValue[]): Promise<number>
  /** Clears the mark; `BadRequestError` (`NOT_DELETED`) when the row is live. Returns the row. */
  restore(id: PrimaryKeyValue): Promise<Entity>
  restoreMany(ids: readonly PrimaryKeyValue[]): Promise<Entity[]>
  /** Really deletes the row, deleted or not. Whether a row was deleted. */
  hardDelete(id: PrimaryKeyValue): Promise<boolean>
  /** Really deletes every row, or none when an id does not exist. */
  hardDeleteMany(ids: readonly PrimaryKeyValue[]): Promise<number>
  findWithDeleted(id: PrimaryKeyValue): Promise<Entity | null>
  findAllWithDeleted(): Promise<Entity[]>
  /** Only the soft-deleted rows. */
  findDeleted(): Promise<Entity[]>
}

/** The soft-delete plugin: a repository plugin plus a Kysely plugin for hand-written queries. */
export interface SoftDeletePlugin extends Plugin {
  /**
   * A Kysely plugin (`db.withPlugin(plugin.kyselyPlugin)`) that hides soft-deleted rows of covered
   * tables in hand-written SELECTs. Covered tables come from `tables`, or from the catalogue once the
   * plugin's `onInit` ran (`createORM` runs it; call `await plugin.onInit(db)` when using it alone).
   */
  readonly kyselyPlugin: KyselyPlugin
}

/**
 * Soft delete (DESIGN §5.1): covered tables — by default every table with the `deleted_at` column —
 * hide deleted rows from repository reads, and `delete` / `bulkDelete` set the column instead of
 * removing the row.
 *
 * @example
 * ```ts
 * const softDelete = softDeletePlugin()
 * const orm = createORM(db, [softDelete])
 * const users = orm.createRepository({ tableName: 'users' }) as ReturnType<…> & SoftDeleteMethods<User>
 * await users.delete(1)          // sets deleted_at
 * await users.restore(1)
 * const visible = await db.withPlugin(softDelete.kyselyPlugin).selectFrom('users as u').innerJoin('posts as p', 'p.user_id', 'u.id').selectAll().execute()
 * ```
 */
export function softDeletePlugin(options: SoftDeleteOptions = {}): SoftDeletePlugin {
  const resolved = resolveSoftDeleteOptions(options)
  const { column } = resolved
  let found: ReadonlySet<string> | undefined

  /** Whether `table` is covered; `columns` (a repository's) decides when given, else `tables` or the catalogue look-up. */
  const covers = (table: string, columns?: ReadonlySet<string>): boolean => {
    if (resolved.excludeTables.has(table)) return false
    if (resolved.tables !== undefined && !resolved.tables.has(table)) return false
    if (columns !== undefined) return columns.has(column)
    if (resolved.tables !== undefined) return true
    return found?.has(table) ?? false
  }

  const transformer = new SoftDeleteTransformer(column, (table) => {
    if (resolved.tables === undefined && found === undefined) {
      throw new BadRequestError('[kysera:soft-delete] kyselyPlugin does not know the covered tables yet: pass `tables`, or `await plugin.onInit(db)` first', {
        code: 'NOT_INITIALIZED',
      })
    }
    return covers(table)
  })

  // `<table>.<column> is null`, built once per table or alias: Kysely's expressions are immutable, and
  // parsing the reference on every query cost more than the rest of the interception.
  const filters = new Map<string, Expression<SqlBool>>()
  const hiddenFilter = (table: string): Expression<SqlBool> => {
    let filter = filters.get(table)
    if (filter === undefined) {
      filter = expressionBuilder<any, any>()(`${table}.${column}`, 'is', null)
      filters.set(table, filter)
    }
    return filter
  }

  /** Whether a repository query must not see soft-deleted rows. */
  const hides = (ctx: QueryContext): boolean =>
    ctx.operation === 'select' && !resolved.includeDeleted && ctx.metadata.includeDeleted !== true && covers(ctx.table, ctx.columns)

  const kyselyPlugin: KyselyPlugin = {
    transformQuery: (args: PluginTransformQueryArgs): RootOperationNode => transformer.hideDeleted(args.node, args.queryId),
    transformResult: (args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => Promise.resolve(args.result),
  }

  return {
    name: 'soft-delete',
    version: '1.0.0',
    kyselyPlugin,
    async onInit(executor: Executor<any>): Promise<void> {
      if (resolved.tables === undefined) found = new Set(await schemaBasics(executor).tablesWithColumn(executor, column))
    },
    interceptQuery<QB>(qb: QB, ctx: QueryContext): QB {
      return hides(ctx) ? ((qb as SelectQueryBuilder<any, any, any>).where(hiddenFilter(ctx.alias ?? ctx.table)) as QB) : qb
    },
    // The rewrite depends on nothing but whether rows are hidden and under which name.
    interceptionKey: (ctx) => (hides(ctx) ? `hide ${ctx.alias ?? ctx.table}` : ''),
    softDeleteColumn: (table, columns) => (covers(table, columns) ? column : undefined),
    extendRepository<R extends object>(repo: R): R {
      return extendWith(repo, (core) => {
        const ops = core.operations
        const keys = (ids: unknown): PrimaryKeyValue[] => {
          if (!Array.isArray(ids)) throw new BadRequestError(`[kysera:soft-delete] Invalid ids: expected an array, got ${describeValue(ids)}`, { code: 'INVALID_ID' })
          return ids.map((id, i) => core.checkId(id, 'ids.#', i))
        }
        const methods: SoftDeleteMethods = {
          softDelete: async (id) => {
            await ops.softDeleteRows(core, [core.checkId(id)], 'softDelete', true)
          },
          softDeleteMany: (ids) => ops.softDeleteRows(core, keys(ids), 'softDeleteMany', true),
          restore: async (id) => (await ops.restoreRows(core, [core.checkId(id)], 'restore'))[0],
          restoreMany: (ids) => ops.restoreRows(core, keys(ids), 'restoreMany'),
          hardDelete: async (id) => (await ops.hardDeleteRows(core, [core.checkId(id)], 'hardDelete', false)) > 0,
          hardDeleteMany: (ids) => ops.hardDeleteRows(core, keys(ids), 'hardDeleteMany', true),
          findWithDeleted: (id) => ops.findById(core, id, 'findWithDeleted', { includeDeleted: true }),
          findAllWithDeleted: () => ops.find(core, {}, 'findAllWithDeleted', { includeDeleted: true }),
          findDeleted: () => ops.find(core, { where: { [column]: { $isNull: false } } }, 'findDeleted', { includeDeleted: true }),
        }
        return methods
      })
    },
  }
}
