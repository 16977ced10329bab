import { sql, type Kysely, type Transaction } from 'kysely'
import type { Executor } from '../dialect/dialect.js'
import { BadRequestError } from '../errors/bad-request-error.js'
import { assertIsolationLevel, type IsolationLevel } from './isolation-level.js'

/** Options of {@link withTransaction}. */
export interface TransactionOptions {
  /**
   * Isolation level of a new transaction. Not allowed when `executor` already is a transaction (a
   * savepoint cannot change it). Default: the database's default.
   */
  isolationLevel?: IsolationLevel
}

/**
 * Runs `fn` in a transaction and returns its result: committed when `fn` resolves, rolled back when it
 * throws (the error is rethrown unchanged).
 *
 * When `executor` already is a transaction, `fn` runs inside a savepoint on it instead: a throw rolls
 * back only the savepoint's work and the outer transaction goes on. Nested calls therefore compose, and
 * code that opens its own transactions can run inside a test's transaction. Do not run two nested
 * calls concurrently on one transaction: a connection runs one statement at a time and savepoints nest.
 *
 * @example
 * ```ts
 * const order = await withTransaction(db, async (trx) => {
 *   const order = await trx.insertInto('orders').values(o).returningAll().executeTakeFirstOrThrow()
 *   await withTransaction(trx, (sp) => sp.insertInto('order_lines').values(lines).execute()) // savepoint
 *   return order
 * }, { isolationLevel: 'serializable' })
 * ```
 */
export async function withTransaction<DB, T>(
  executor: Executor<DB>,
  fn: (trx: Transaction<DB>) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  if (typeof fn !== 'function') {
    throw new BadRequestError('[kysera:transaction] Invalid fn: expected a function', { code: 'INVALID_OPTION' })
  }
  const { isolationLevel } = options
  if (isolationLevel !== undefined) assertIsolationLevel(isolationLevel)
  if (executor.isTransaction) {
    if (isolationLevel !== undefined) {
      throw new BadRequestError(
        '[kysera:transaction] Invalid isolationLevel: a nested transaction is a savepoint and cannot change the isolation level',
        { code: 'INVALID_OPTION' },
      )
    }
    return inSavepoint(executor as Transaction<DB>, fn)
  }
  const builder = (executor as Kysely<DB>).transaction()
  return (isolationLevel === undefined ? builder : builder.setIsolationLevel(isolationLevel)).execute(fn)
}

async function inSavepoint<DB, T>(trx: Transaction<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  // Unique names: MySQL replaces an existing savepoint of the same name instead of nesting it.
  const name = sql.id(`kysera_sp_${globalThis.crypto.randomUUID().replaceAll('-', '')}`)
  await sql`savepoint ${name}`.execute(trx)
  let result: T
  try {
    result = await fn(trx)
  } catch (error) {
    try {
      // ROLLBACK TO keeps the savepoint on every dialect; release it so the stack stays balanced.
      await sql`rollback to savepoint ${name}`.execute(trx)
      await sql`release savepoint ${name}`.execute(trx)
    } catch {
      // The connection is unusable (lost, or the outer transaction already ended): the outer
      // transaction fails on its own; the caller needs the original error.
    }
    throw error
  }
  await sql`release savepoint ${name}`.execute(trx)
  return result
}
