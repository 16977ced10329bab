// What the plugin benchmark measures, imported from the sources the package is built from.
export { createORM, createRepository } from '../../src/repository/index.js'
export type { Dialect } from '../../src/core/index.js'
export { softDeletePlugin } from '../../src/plugins/soft-delete/index.js'
export { timestampsPlugin } from '../../src/plugins/timestamps/index.js'
export { auditPlugin, createAuditTable } from '../../src/plugins/audit/index.js'
