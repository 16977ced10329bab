import { BadRequestError } from '../../core/index.js'
import type { KyseraDialectAdapter } from '../../core/dialect/dialect-adapter.js'
import { describeValue } from '../../core/options/assert-option.js'
import type { Plugin, WriteContext } from '../../repository/index.js'
import type { RepositoryCore } from '../../repository/repository-core.js'
import type { PrimaryKeyValue } from '../../repository/repository-types.js'
import { extendWith } from '../shared/plugin-options.js'
import { resolveTimestampsOptions, type ResolvedTimestampsOptions, type TimestampsOptions } from './timestamps-options.js'

/** Methods the timestamps plugin adds to a repository. Dates may be `Date`s, ISO strings or epoch milliseconds. */
export interface TimestampsMethods<Entity = unknown, Create = unknown, Update = unknown> {
  findCreatedAfter(date: Date | string | number): Promise<Entity[]>
  findCreatedBefore(date: Date | string | number): Promise<Entity[]>
  /** Inclusive range. */
  findCreatedBetween(from: Date | string | number, to: Date | string | number): Promise<Entity[]>
  findUpdatedAfter(date: Date | string | number): Promise<Entity[]>
  /** Newest first. Default limit 10. */
  findRecentlyCreated(limit?: number): Promise<Entity[]>
  findRecentlyUpdated(limit?: number): Promise<Entity[]>
  /** Sets `updated_at` to now and returns the row (`NotFoundError` when missing). */
  touch(id: PrimaryKeyValue): Promise<Entity>
  /** `create` without setting `created_at` (a migration, an import). */
  createWithoutTimestamps(input: Create): Promise<Entity>
  /** `update` without setting `updated_at`. */
  updateWithoutTimestamp(id: PrimaryKeyValue, input: Update): Promise<Entity>
}

/**
 * Timestamps (DESIGN §5.2): `create`, `bulkCreate` and `upsert` set `created_at`; `update`, `bulkUpdate`
 * and `upsert`'s update branch set `updated_at`. Values the caller passes win, and the columns are
 * added after validation, so schemas need not declare them. Only tables that have the column get it.
 *
 * @example
 * ```ts
 * const orm = createORM(db, [timestampsPlugin({ dateFormat: 'date', setUpdatedAtOnInsert: true })])
 * ```
 */
export function timestampsPlugin(options: TimestampsOptions = {}): Plugin {
  const o = resolveTimestampsOptions(options)
  const covered = (table: string): boolean => !o.excludeTables.has(table) && (o.tables === undefined || o.tables.has(table))

  return {
    name: 'timestamps',
    version: '1.0.0',
    prepareWrite(rows: Record<string, unknown>[], ctx: WriteContext): Record<string, unknown>[] {
      if (ctx.metadata.skipTimestamps === true || !covered(ctx.table)) return rows
      const columns = [
        ...(ctx.operation === 'insert' ? [o.created] : []),
        ...(ctx.operation === 'update' || o.setUpdatedAtOnInsert ? [o.updated] : []),
      ].filter((c) => ctx.columns.has(c))
      if (columns.length === 0) return rows
      // One value for the whole call: every row of a bulk write gets the same time.
      const value = o.getTimestamp !== undefined ? o.getTimestamp() : o.dateFormat === 'unix' ? ctx.now.unix : o.dateFormat === 'date' ? ctx.now.native : ctx.now.iso
      return rows.map((row) => {
        const missing = columns.filter((c) => row[c] === undefined)
        if (missing.length === 0) return row // the caller's values win
        return { ...row, ...Object.fromEntries(missing.map((c) => [c, value])) }
      })
    },
    extendRepository<R extends object>(repo: R): R {
      return extendWith(repo, (core) => {
        const value = (date: unknown, name: string): unknown => formatted(o, core.adapter, toDate(date, name))
        const newest = (column: string, limit: unknown): Promise<unknown[]> => {
          const n = limit ?? 10
          if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
            throw new BadRequestError(`[kysera:timestamps] Invalid limit: expected an integer ≥ 1, got ${describeValue(n)}`, { code: 'INVALID_OPTION' })
          }
          // Rows without the timestamp (never updated, created without timestamps) are not "recent".
          const where = { [column]: { $isNull: false } }
          return core.operations.find(core, { where, orderBy: [{ column, direction: 'desc' }, { column: core.pk, direction: 'desc' }], limit: n }, `findRecently:${column}`)
        }
        const methods: TimestampsMethods = {
          findCreatedAfter: (date) => findWhere(core, { [o.created]: { $gt: value(date, 'date') } }, 'findCreatedAfter'),
          findCreatedBefore: (date) => findWhere(core, { [o.created]: { $lt: value(date, 'date') } }, 'findCreatedBefore'),
          findCreatedBetween: (from, to) => findWhere(core, { [o.created]: { $between: [value(from, 'from'), value(to, 'to')] } }, 'findCreatedBetween'),
          findUpdatedAfter: (date) => findWhere(core, { [o.updated]: { $gt: value(date, 'date') } }, 'findUpdatedAfter'),
          findRecentlyCreated: (limit) => newest(o.created, limit),
          findRecentlyUpdated: (limit) => newest(o.updated, limit),
          touch: (id) => core.operations.update(core, id, {}),
          createWithoutTimestamps: (input) => core.operations.create(core, input, { skipTimestamps: true }),
          updateWithoutTimestamp: (id, input) => core.operations.update(core, id, input, { skipTimestamps: true }),
        }
        return methods
      })
    },
  }
}

function findWhere(core: RepositoryCore, where: Record<string, unknown>, method: string): Promise<unknown[]> {
  return core.operations.find(core, { where }, method)
}

/** The value written for `date` in the configured format (what the query helpers compare with). */
function formatted(o: ResolvedTimestampsOptions, adapter: KyseraDialectAdapter, date: Date): unknown {
  if (o.dateFormat === 'unix') return Math.floor(date.getTime() / 1000)
  if (o.dateFormat === 'date') return adapter.timestampValue(date)
  return adapter.isoTimestamp(date)
}

function toDate(value: unknown, name: string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined
  if (date === undefined || Number.isNaN(date.getTime())) {
    throw new BadRequestError(`[kysera:timestamps] Invalid ${name}: expected a Date, an ISO string or epoch milliseconds, got ${describeValue(value)}`, {
      code: 'INVALID_INPUT',
    })
  }
  return date
}
