import { MysqlAdapter, PostgresAdapter, SqliteAdapter, type DialectAdapter } from 'kysely'
import { BadRequestError } from '../errors/bad-request-error.js'
import type { Dialect, Executor } from './dialect.js'

/** The dialect of an executor, from its Kysely adapter (without building a Kysera adapter). */
export function dialectOf(executor: Executor): Dialect {
  return dialectOfAdapter(executor.getExecutor().adapter)
}

/** The dialect a Kysely adapter belongs to; `BadRequestError` (`UNSUPPORTED_DIALECT`) for any other. */
export function dialectOfAdapter(adapter: DialectAdapter): Dialect {
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
