import type { Dialect as KyselyDialect } from 'kysely'

/** What `kysera.config.{ts,mjs,js}` exports (through {@link defineConfig}). */
export interface KyseraConfig {
  /** A connection URL (`postgres://…`, `mysql://…`, `sqlite:path`), or a Kysely dialect. Default: `DATABASE_URL`. */
  database?: string | { dialect: KyselyDialect }
  migrations?: {
    /** Default `'./migrations'`, relative to the config file's folder. */
    directory?: string
    /** Default `'kysera_migrations'`. */
    tableName?: string
    /** Default 60000. */
    lockTimeoutMs?: number
  }
}

/**
 * Types a `kysera.config` file.
 *
 * @example
 * ```ts
 * // kysera.config.mjs
 * import { defineConfig } from 'kysera/migrations'
 * export default defineConfig({ database: process.env.DATABASE_URL, migrations: { directory: './db/migrations' } })
 * ```
 */
export function defineConfig(config: KyseraConfig): KyseraConfig {
  return config
}
