import type { Kysely, Transaction } from 'kysely'

/** The SQL dialects Kysera supports. MariaDB is reported as `'mysql'`. */
export type Dialect = 'postgres' | 'mysql' | 'sqlite'

/** The dialects, in a stable order. */
export const DIALECTS: readonly Dialect[] = ['postgres', 'mysql', 'sqlite']

/**
 * Anything that runs queries: a `Kysely` instance or a `Transaction`. Every Kysera API that runs
 * queries accepts either, so the same code runs inside and outside a transaction.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- DB defaults to any, as in Kysely
export type Executor<DB = any> = Kysely<DB> | Transaction<DB>
