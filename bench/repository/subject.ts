// What the repository benchmark measures, imported from the sources the package is built from.
export { createRepository } from '../../src/repository/index.js'
export type { Dialect } from '../../src/core/index.js'
export { getAdapter as getAdapterForBench } from '../../src/core/dialect/get-adapter.js'
