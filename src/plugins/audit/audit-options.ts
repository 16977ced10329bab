import { invalidPluginOption, pluginOptionsObject, tableFilter } from '../shared/plugin-options.js'

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
  const o = pluginOptionsObject<AuditOptions>('audit', options)
  const table = o.auditTable ?? 'audit_logs'
  if (typeof table !== 'string' || table === '') throw invalidPluginOption('audit', 'auditTable', 'a table name', table)
  for (const key of ['captureOldValues', 'captureNewValues'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'boolean') throw invalidPluginOption('audit', key, 'a boolean', o[key])
  }
  for (const key of ['getUserId', 'metadata'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'function') throw invalidPluginOption('audit', key, 'a function', o[key])
  }
  const filter = tableFilter('audit', o.tables, o.excludeTables)
  return {
    table,
    captureOldValues: o.captureOldValues ?? true,
    captureNewValues: o.captureNewValues ?? true,
    getUserId: o.getUserId,
    metadata: o.metadata,
    tables: filter.tables,
    // The audit table is never audited.
    excludeTables: new Set([...filter.excludeTables, table]),
  }
}
