// `kysera/migrations`: every public export is named here.
export { createMigration, type Migration, type MigrationMeta } from './migration.js'
export {
  MigrationRunner,
  createMigrationRunner,
  type MigrationRunnerOptions,
  type MigrationResult,
  type MigrationStatus,
  type AppliedMigration,
} from './migration-runner.js'
export { MigrationError } from './migration-error.js'
export { loadMigrations } from './load-migrations.js'
export { defineConfig, type KyseraConfig } from './define-config.js'
