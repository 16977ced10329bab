import { find, findById } from './read-methods.js'
import { create, insertOne, update, updateOne } from './write-methods.js'
import { hardDeleteRows, restoreRows, softDeleteRows } from './write-pipeline.js'

/**
 * The repository internals that plugins build their added methods on, reached through the core
 * (`core.operations`): a plugin imports only their types, so its bundle does not carry the repository.
 */
export const PLUGIN_OPERATIONS = /* @__PURE__ */ Object.freeze({ find, findById, create, update, insertOne, updateOne, softDeleteRows, restoreRows, hardDeleteRows })

export type PluginOperations = typeof PLUGIN_OPERATIONS
