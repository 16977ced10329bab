// `kysera/plugins/audit`: every public export is named here.
export { auditPlugin, type AuditMethods, type AuditLogQuery } from './audit-plugin.js'
export type { AuditOptions } from './audit-options.js'
export { withAuditContext, type AuditContext } from './audit-context.js'
export { createAuditTable, type AuditLogEntry } from './audit-table.js'
