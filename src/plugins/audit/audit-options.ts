import { BadRequestError } from '../../core/index.js'
import { describeValue } from '../../core/options/assert-option.js'

/** Options of {@link auditPlugin}. */
export interface AuditOptions {
  /** Default `'audit_logs'` (create it with `createAuditTable`). */
  auditTable?: string
  /** Record the row before the change (one extra read per call). Default `true`. */
  captureOldValues?: boolean
  /** Record the row after the change. Default `true`. */
  captureNewValues?: boolean
  /** The actor when no `withAuditContext` is active (e.g. from your request-scoped auth). */
  getUserId?: () => string | number | null | undefined
  /** Extra facts stored with every audit row, merged under the context's metadata. */
  metadata?: () => Record<string, unknown> | undefined
  /** Only these tables. Default: every table written through a repository (never the audit table). */
  tables?: readonly string[]
  excludeTables?: readonly string[]
}

export interface ResolvedAuditOptions {
  table: string
  captureOldValues: boolean
  captureNewValues: boolean
  getUserId: AuditOptions['getUserId']
  metadata: AuditOptions['metadata']
  tables: ReadonlySet<string> | undefined
  excludeTables: ReadonlySet<string>
}

export function resolveAuditOptions(options: unknown): ResolvedAuditOptions {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) throw invalid('options', 'an object', options)
  const o = options as AuditOptions
  const table = o.auditTable ?? 'audit_logs'
  if (typeof table !== 'string' || table === '') throw invalid('auditTable', 'a table name', table)
  for (const key of ['captureOldValues', 'captureNewValues'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw invalid(key, 'a boolean', o[key])
  }
  for (const key of ['getUserId', 'metadata'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'function') throw invalid(key, 'a function', o[key])
  }
  return {
    table,
    captureOldValues: o.captureOldValues ?? true,
    captureNewValues: o.captureNewValues ?? true,
    getUserId: o.getUserId,
    metadata: o.metadata,
    tables: o.tables === undefined ? undefined : new Set(tableList('tables', o.tables)),
    excludeTables: new Set([...(o.excludeTables === undefined ? [] : tableList('excludeTables', o.excludeTables)), table]),
  }
}

function tableList(option: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.some((t) => typeof t !== 'string' || t === '')) throw invalid(option, 'an array of table names', value)
  return value as string[]
}

function invalid(option: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(`[kysera:audit] Invalid ${option}: expected ${expected}, got ${describeValue(value)}`, { code: 'INVALID_OPTION' })
}
