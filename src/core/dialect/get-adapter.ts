import { ADAPTERS } from './adapter-cache.js'
import type { KyseraDialectAdapter } from './dialect-adapter.js'
import type { Dialect, Executor } from './dialect.js'
import { dialectOfAdapter } from './dialect-of.js'
import { MysqlKyseraAdapter } from './mysql/mysql-adapter.js'
import { PostgresKyseraAdapter } from './postgres/postgres-adapter.js'
import { SqliteKyseraAdapter } from './sqlite/sqlite-adapter.js'

const FACTORIES: Record<Dialect, () => KyseraDialectAdapter> = {
  postgres: () => new PostgresKyseraAdapter(),
  mysql: () => new MysqlKyseraAdapter(),
  sqlite: () => new SqliteKyseraAdapter(),
}

/** The Kysera adapter for an executor's dialect; one instance per Kysely instance. */
export function getAdapter(executor: Executor): KyseraDialectAdapter {
  const kyselyAdapter = executor.getExecutor().adapter
  let adapter = ADAPTERS.get(kyselyAdapter)
  if (adapter === undefined) {
    adapter = FACTORIES[dialectOfAdapter(kyselyAdapter)]()
    ADAPTERS.set(kyselyAdapter, adapter)
  }
  return adapter
}
