// What the plugin benchmark measures: the built package, imported as users import it (see bench/tsconfig.json).
export { createORM, createRepository } from 'kysera/repository'
export type { Dialect } from 'kysera/core'
export { softDeletePlugin } from 'kysera/plugins/soft-delete'
export { timestampsPlugin } from 'kysera/plugins/timestamps'
export { auditPlugin, createAuditTable } from 'kysera/plugins/audit'
