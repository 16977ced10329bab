import type { Kysely, Transaction } from 'kysely'
import { assertIsolationLevel, type IsolationLevel } from '../core/transaction/isolation-level.js'
import { withTransaction, type Executor } from '../core/index.js'

/** Thrown to end a test transaction; never escapes. */
class Rollback extends Error {}

/**
 * Runs `fn` in a transaction that is always rolled back, so the test leaves no data behind. Code under
 * test that opens its own transactions through Kysera (`withTransaction`, `repo.transaction`,
 * `orm.transaction`) gets savepoints inside this one, and is rolled back too.
 *
 * @example
 * ```ts
 * it('creates a user', () => testInTransaction(db, async (trx) => {
 *   await createRepository(trx, { tableName: 'users' }).create({ email: 'a@x.io' })
 * }))
 * ```
 */
export function testInTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return rolledBack((body) => db.transaction().execute(body), fn)
}

/**
 * Like {@link testInTransaction}, but `db` may already be a transaction: `fn` then runs in a savepoint
 * that is rolled back, leaving the outer transaction as it was — for nested test scopes.
 */
export async function testWithSavepoints<DB, T>(db: Executor<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (!db.isTransaction) return testInTransaction(db as Kysely<DB>, (trx) => testWithSavepoints(trx, fn))
  return rolledBack((body) => withTransaction(db, body), fn)
}

/**
 * {@link testInTransaction} at an isolation level (checked: `BadRequestError` for an unknown one).
 *
 * @example
 * ```ts
 * await testWithIsolation(db, 'serializable', async (trx) => { … })
 * ```
 */
export async function testWithIsolation<DB, T>(db: Kysely<DB>, level: IsolationLevel, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  assertIsolationLevel(level)
  return rolledBack((body) => db.transaction().setIsolationLevel(level).execute(body), fn)
}

/** Opens a transaction with `open`, runs `fn` in it, and always rolls it back; returns `fn`'s result. */
async function rolledBack<DB, T>(
  open: (body: (trx: Transaction<DB>) => Promise<never>) => Promise<unknown>,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  let result: T | undefined
  try {
    await open(async (trx) => {
      result = await fn(trx)
      throw new Rollback()
    })
  } catch (error) {
    if (!(error instanceof Rollback)) throw error
  }
  return result as T
}
