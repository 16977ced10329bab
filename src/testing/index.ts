// `kysera/testing`: every public export is named here. Imports no test framework.
export { testInTransaction, testWithSavepoints, testWithIsolation } from './test-transactions.js'
export { cleanDatabase, type CleanStrategy, type CleanOptions } from './clean-database.js'
export { createFactory, type Factory, type FactoryDefaults } from './create-factory.js'
export { seedDatabase, waitFor, snapshotTable, countRows, type WaitForOptions } from './test-helpers.js'
