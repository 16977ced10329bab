import type { Kysely, Transaction } from 'kysely'
import { BadRequestError, DatabaseError, withTransaction, type Executor } from '../core/index.js'
import { getAdapter } from '../core/dialect/get-adapter.js'
import { assertIntegerOption, assertNumberOption, describeValue } from '../core/options/assert-option.js'

/**
 * Runs `fn` in one transaction (a savepoint inside an existing one): the seed is all there or not at all.
 *
 * @example
 * ```ts
 * await seedDatabase(db, async (trx) => { await trx.insertInto('users').values(userFactory.buildMany(5)).execute() })
 * ```
 */
export function seedDatabase<DB, T>(db: Executor<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return withTransaction(db, fn)
}

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** Give up after this many milliseconds. Default `5000`. */
  timeoutMs?: number
  /** Time between checks. Default `50`. */
  intervalMs?: number
}

/**
 * Checks `condition` until it returns a truthy value (which is returned), for eventually consistent
 * effects (a background job, a replica). Throws `DatabaseError` (`WAIT_TIMEOUT`) after `timeoutMs`,
 * with the last error the condition threw as `cause`.
 *
 * @example
 * ```ts
 * const row = await waitFor(() => db.selectFrom('jobs').selectAll().where('id', '=', id).where('done', '=', true).executeTakeFirst())
 * ```
 */
export async function waitFor<T>(condition: () => T | Promise<T>, options: WaitForOptions = {}): Promise<NonNullable<T>> {
  if (typeof condition !== 'function') throw new BadRequestError(`[kysera:testing] Invalid condition: expected a function, got ${describeValue(condition)}`, { code: 'INVALID_OPTION' })
  const { timeoutMs = 5000, intervalMs = 50 } = options
  assertNumberOption('testing', 'timeoutMs', timeoutMs)
  assertIntegerOption('testing', 'intervalMs', intervalMs, 1)
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const value = await condition()
      if (value) return value as NonNullable<T>
    } catch (error) {
      lastError = error
    }
    if (Date.now() >= deadline) {
      throw new DatabaseError(`[kysera:testing] Condition not met within ${timeoutMs} ms`, { code: 'WAIT_TIMEOUT', ...(lastError === undefined ? {} : { cause: lastError }) })
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}

/** Every row of `table` in a stable order (sorted by their values), to compare before and after. */
export async function snapshotTable<DB>(db: Executor<DB>, table: string): Promise<Record<string, unknown>[]> {
  await assertTable(db, table)
  const rows = (await (db as Kysely<any>).selectFrom(table).selectAll().execute()) as Record<string, unknown>[] // eslint-disable-line @typescript-eslint/no-explicit-any
  const key = (row: Record<string, unknown>): string => JSON.stringify(Object.values(row), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))
  return rows.map((row) => ({ row, key: key(row) })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.row)
}

/** The number of rows in `table`. */
export async function countRows<DB>(db: Executor<DB>, table: string): Promise<number> {
  await assertTable(db, table)
  const row = await (db as Kysely<any>).selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow() // eslint-disable-line @typescript-eslint/no-explicit-any
  return Number((row as { n: unknown }).n)
}

/** `BadRequestError` (`UNKNOWN_TABLE`) unless the current schema has this table. */
async function assertTable<DB>(db: Executor<DB>, table: string): Promise<void> {
  if (typeof table !== 'string' || !(await getAdapter(db).listTables(db)).includes(table)) {
    throw new BadRequestError(`[kysera:testing] Unknown table ${describeValue(table)}`, { code: 'UNKNOWN_TABLE' })
  }
}
