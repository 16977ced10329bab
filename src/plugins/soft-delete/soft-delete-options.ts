import { invalidPluginOption, pluginOptionsObject, tableFilter } from '../shared/plugin-options.js'

/** Options of {@link softDeletePlugin}. */
export interface SoftDeleteOptions {
  /** The column holding the deletion time; NULL means live. Default `'deleted_at'`. */
  deletedAtColumn?: string
  /** Only these tables (they must have the column). Default: every table that has it. */
  tables?: readonly string[]
  /** Never these tables. */
  excludeTables?: readonly string[]
  /** Repository reads include soft-deleted rows unless asked otherwise. Default `false`. */
  includeDeleted?: boolean
}

export interface ResolvedSoftDeleteOptions {
  column: string
  tables: ReadonlySet<string> | undefined
  excludeTables: ReadonlySet<string>
  includeDeleted: boolean
}

export function resolveSoftDeleteOptions(options: unknown): ResolvedSoftDeleteOptions {
  const o = pluginOptionsObject<SoftDeleteOptions>('soft-delete', options)
  const column = o.deletedAtColumn ?? 'deleted_at'
  if (typeof column !== 'string' || column === '') throw invalidPluginOption('soft-delete', 'deletedAtColumn', 'a column name', column)
  if (o.includeDeleted !== undefined && typeof o.includeDeleted !== 'boolean') throw invalidPluginOption('soft-delete', 'includeDeleted', 'a boolean', o.includeDeleted)
  return {
    column,
    ...tableFilter('soft-delete', o.tables, o.excludeTables),
    includeDeleted: o.includeDeleted ?? false,
  }
}
