import { invalidPluginOption, pluginOptionsObject, tableFilter } from '../shared/plugin-options.js'

/** How timestamps are written: ISO-8601 text, Unix seconds, or a `Date` the driver converts. */
export type DateFormat = 'iso' | 'unix' | 'date'

/** Options of {@link timestampsPlugin}. */
export interface TimestampsOptions {
  /** Default `'created_at'`. */
  createdAtColumn?: string
  /** Default `'updated_at'`. */
  updatedAtColumn?: string
  /** Also set `updated_at` when a row is created. Default `false`. */
  setUpdatedAtOnInsert?: boolean
  /**
   * `iso` (default): ISO-8601 text (`2024-01-02 03:04:05.678` on MySQL, which refuses `T…Z`);
   * `unix`: whole seconds since the epoch, for integer columns; `date`: a `Date`, for timestamp columns
   * (written as ISO text on SQLite, which has no date type).
   */
  dateFormat?: DateFormat
  /** Supplies the value instead (a clock for tests, a database function…); `dateFormat` is then ignored. */
  getTimestamp?: () => unknown
  /** Only these tables. Default: every table with the columns. */
  tables?: readonly string[]
  excludeTables?: readonly string[]
}

export interface ResolvedTimestampsOptions {
  created: string
  updated: string
  setUpdatedAtOnInsert: boolean
  dateFormat: DateFormat
  getTimestamp: (() => unknown) | undefined
  tables: ReadonlySet<string> | undefined
  excludeTables: ReadonlySet<string>
}

const FORMATS: readonly DateFormat[] = ['iso', 'unix', 'date']

export function resolveTimestampsOptions(options: unknown): ResolvedTimestampsOptions {
  const o = pluginOptionsObject<TimestampsOptions>('timestamps', options)
  const created = o.createdAtColumn ?? 'created_at'
  const updated = o.updatedAtColumn ?? 'updated_at'
  if (typeof created !== 'string' || created === '') throw invalidPluginOption('timestamps', 'createdAtColumn', 'a column name', created)
  if (typeof updated !== 'string' || updated === '') throw invalidPluginOption('timestamps', 'updatedAtColumn', 'a column name', updated)
  if (o.setUpdatedAtOnInsert !== undefined && typeof o.setUpdatedAtOnInsert !== 'boolean') throw invalidPluginOption('timestamps', 'setUpdatedAtOnInsert', 'a boolean', o.setUpdatedAtOnInsert)
  const dateFormat = o.dateFormat ?? 'iso'
  if (!FORMATS.includes(dateFormat)) throw invalidPluginOption('timestamps', 'dateFormat', `one of ${FORMATS.join(', ')}`, dateFormat)
  if (o.getTimestamp !== undefined && typeof o.getTimestamp !== 'function') throw invalidPluginOption('timestamps', 'getTimestamp', 'a function', o.getTimestamp)
  return {
    created,
    updated,
    setUpdatedAtOnInsert: o.setUpdatedAtOnInsert ?? false,
    dateFormat,
    getTimestamp: o.getTimestamp,
    ...tableFilter('timestamps', o.tables, o.excludeTables),
  }
}
