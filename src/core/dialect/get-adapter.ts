import { MysqlAdapter, PostgresAdapter, SqliteAdapter, type DialectAdapter } from 'kysely'
import { BadRequestError } from '../errors/bad-request-error.js'
import type { KyseraDialectAdapter } from './dialect-adapter.js'
import type { Dialect, Executor } from './dialect.js'
import { MysqlKyseraAdapter } from './mysql/mysql-adapter.js'
import { PostgresKyseraAdapter } from './postgres/postgres-adapter.js'
import { SqliteKyseraAdapter } from './sqlite/sqlite-adapter.js'

const FACTORIES: Record<Dialect, () => KyseraDialectAdapter> = {
  postgres: () => new PostgresKyseraAdapter(),
  mysql: () => new MysqlKyseraAdapter(),
  sqlite: () => new SqliteKyseraAdapter(),
}

// Keyed by Kysely's own adapter object, which a Kysely instance shares with all its transactions,
// so a transaction and its database get the same Kysera adapter (and the same catalogue caches).
const adapters = new WeakMap<DialectAdapter, KyseraDialectAdapter>()

/** The Kysera adapter for an executor's dialect; one instance per Kysely instance. */
export function getAdapter(executor: Executor): KyseraDialectAdapter {
  const kyselyAdapter = executor.getExecutor().adapter
  let adapter = adapters.get(kyselyAdapter)
  if (adapter === undefined) {
    adapter = FACTORIES[dialectOfAdapter(kyselyAdapter)]()
    adapters.set(kyselyAdapter, adapter)
  }
  return adapter
}

function dialectOfAdapter(adapter: DialectAdapter): Dialect {
  if (adapter instanceof PostgresAdapter) return 'postgres'
  if (adapter instanceof MysqlAdapter) return 'mysql'
  if (adapter instanceof SqliteAdapter) return 'sqlite'
  // A second copy of kysely (or a third-party dialect extending Kysely's adapters) fails `instanceof`;
  // the class chain still names the base adapter.
  for (let proto: unknown = Object.getPrototypeOf(adapter); proto !== null && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    const name = (proto as { constructor?: { name?: string } }).constructor?.name
    if (name === 'PostgresAdapter') return 'postgres'
    if (name === 'MysqlAdapter') return 'mysql'
    if (name === 'SqliteAdapter') return 'sqlite'
  }
  throw new BadRequestError(
    `[kysera] Cannot detect the dialect: the Kysely adapter ${adapter.constructor.name} does not extend PostgresAdapter, MysqlAdapter or SqliteAdapter`,
    { code: 'UNSUPPORTED_DIALECT' },
  )
}
