// `kysera/plugins/timestamps`: every public export is named here.
export { timestampsPlugin, type TimestampsMethods } from './timestamps-plugin.js'
export type { TimestampsOptions, DateFormat } from './timestamps-options.js'
