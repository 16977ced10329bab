import type { Dialect, Executor } from './dialect.js'
import { dialectOf } from './dialect-of.js'

/**
 * The dialect of a Kysely instance or transaction, read from its adapter (`db.getExecutor().adapter`),
 * never guessed from SQL. MariaDB reports `'mysql'`. Throws `BadRequestError`
 * (`code: 'UNSUPPORTED_DIALECT'`) for an adapter that extends none of Kysely's three.
 *
 * @example
 * ```ts
 * detectDialect(new Kysely({ dialect: new PostgresDialect({ pool }) })) // 'postgres'
 * ```
 */
export function detectDialect(executor: Executor): Dialect {
  return dialectOf(executor)
}
