// `kysera/plugins/soft-delete`: every public export is named here.
export { softDeletePlugin, type SoftDeletePlugin, type SoftDeleteMethods } from './soft-delete-plugin.js'
export type { SoftDeleteOptions } from './soft-delete-options.js'
