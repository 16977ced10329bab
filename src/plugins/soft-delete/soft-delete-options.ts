import { BadRequestError } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'

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
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalid('options', 'an object', options)
  const o = options as SoftDeleteOptions
  const column = o.deletedAtColumn ?? 'deleted_at'
  if (typeof column !== 'string' || column === '') throw invalid('deletedAtColumn', 'a column name', column)
  if (o.includeDeleted !== undefined && typeof o.includeDeleted !== 'boolean') throw invalid('includeDeleted', 'a boolean', o.includeDeleted)
  return {
    column,
    tables: o.tables === undefined ? undefined : new Set(tableList('tables', o.tables)),
    excludeTables: new Set(o.excludeTables === undefined ? [] : tableList('excludeTables', o.excludeTables)),
    includeDeleted: o.includeDeleted ?? false,
  }
}

function tableList(option: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t === '')) throw invalid(option, 'an array of table names', value)
  return value as string[]
}

function invalid(option: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(`[kysera:soft-delete] Invalid ${option}: expected ${expected}, got ${describeValue(value)}`, { code: 'INVALID_OPTION' })
}
