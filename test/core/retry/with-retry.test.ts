import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  BadRequestError,
  isTransientError,
  isUniqueConstraintError,
  parseDatabaseError,
  withRetry,
  type RetryEvent,
} from '../../../src/core/index.js'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../../setup/dialects.js'
import type { Kysely } from 'kysely'
import type pg from 'pg'

/** Resolves for everyone once `parties` callers have arrived. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0
  let open: () => void = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return async () => {
    if (++arrived === parties) open()
    await opened
  }
}

const always = (): boolean => true

describe('withRetry', () => {
  it('retries until fn succeeds, passing the attempt number', async () => {
    const seen: number[] = []
    const result = await withRetry(
      (attempt) => {
        seen.push(attempt)
        if (attempt < 3) throw new Error(`fail ${attempt}`)
        return 'done'
      },
      { shouldRetry: always, delayMs: 1 },
    )
    expect(result).toBe('done')
    expect(seen).toEqual([1, 2, 3])
  })

  it('throws the last error itself after maxAttempts', async () => {
    const errors = [new Error('one'), new Error('two')]
    const error = await catchError(() =>
      withRetry(
        (attempt) => {
          throw errors[attempt - 1]
        },
        { maxAttempts: 2, shouldRetry: always, delayMs: 1 },
      ),
    )
    expect(error).toBe(errors[1])
  })

  it('does not retry what shouldRetry refuses, and passes it the error and attempt', async () => {
    const calls: [unknown, number][] = []
    const boom = new Error('boom')
    const error = await catchError(() =>
      withRetry(
        () => {
          throw boom
        },
        { shouldRetry: (e, attempt) => (calls.push([e, attempt]), false) },
      ),
    )
    expect(error).toBe(boom)
    expect(calls).toEqual([[boom, 1]])
  })

  it.each([
    ['exponential', [10, 20, 40, 80]],
    ['linear', [10, 20, 30, 40]],
    ['fixed', [10, 10, 10, 10]],
  ] as const)('grows the delay %s and reports it to onRetry with the attempt and error', async (backoff, delays) => {
    const events: RetryEvent[] = []
    await catchError(() =>
      withRetry(
        (attempt) => {
          throw new Error(`attempt ${attempt}`)
        },
        { maxAttempts: 5, delayMs: 10, backoff, jitter: false, shouldRetry: always, onRetry: (e) => events.push(e) },
      ),
    )
    expect(events.map((e) => e.delayMs)).toEqual(delays)
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3, 4])
    expect(events.map((e) => (e.error as Error).message)).toEqual(['attempt 1', 'attempt 2', 'attempt 3', 'attempt 4'])
  })

  it('caps each delay at maxDelayMs', async () => {
    const events: RetryEvent[] = []
    await catchError(() =>
      withRetry(
        () => {
          throw new Error('x')
        },
        { maxAttempts: 5, delayMs: 4, maxDelayMs: 10, jitter: false, shouldRetry: always, onRetry: (e) => events.push(e) },
      ),
    )
    expect(events.map((e) => e.delayMs)).toEqual([4, 8, 10, 10])
  })

  it('with jitter keeps each delay within [½, 1] of the backoff and spreads them', async () => {
    const delays: number[] = []
    for (let run = 0; run < 20; run++) {
      await catchError(() =>
        withRetry(
          () => {
            throw new Error('x')
          },
          { maxAttempts: 2, delayMs: 8, shouldRetry: always, onRetry: (e) => delays.push(e.delayMs) },
        ),
      )
    }
    expect(delays.every((d) => d >= 4 && d <= 8)).toBe(true)
    expect(new Set(delays).size).toBeGreaterThan(1)
  })

  it('stops waiting and throws the last error when its signal aborts', async () => {
    const controller = new AbortController()
    const boom = new Error('boom')
    let calls = 0
    const pending = catchError(() =>
      withRetry(
        () => {
          calls++
          throw boom
        },
        { delayMs: 60_000, shouldRetry: always, signal: controller.signal },
      ),
    )
    controller.abort()
    expect(await pending).toBe(boom)
    expect(calls).toBe(1)
  })

  it.each([
    ['maxAttempts', { maxAttempts: 0 }],
    ['maxAttempts', { maxAttempts: 2.5 }],
    ['delayMs', { delayMs: -1 }],
    ['maxDelayMs', { maxDelayMs: Number.POSITIVE_INFINITY }],
    ['backoff', { backoff: 'quadratic' }],
    ['jitter', { jitter: 'full' }],
    ['shouldRetry', { shouldRetry: true }],
    ['onRetry', { onRetry: 'log' }],
    ['options', null],
  ])('rejects an invalid %s with a BadRequestError naming it, without calling fn', async (option, options) => {
    let calls = 0
    const error = await catchError(() => withRetry(() => calls++, options as never))
    expect(error).toBeInstanceOf(BadRequestError)
    expect(error).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining(`Invalid ${option}:`) as unknown })
    expect(calls).toBe(0)
  })

  it('rejects a non-function fn', async () => {
    await expect(withRetry('select 1' as never)).rejects.toThrow('Invalid fn:')
  })
})

describeEachDialect('withRetry on a real database', (t) => {
  beforeAll(async () => {
    await t.db.schema
      .createTable('accounts')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('balance', 'integer', (c) => c.notNull())
      .addColumn('email', 'varchar(50)', (c) => c.unique())
      .execute()
    await t.db
      .insertInto('accounts')
      .values([
        { id: 1, balance: 100, email: 'a@x' },
        { id: 2, balance: 100, email: 'b@x' },
      ])
      .execute()
  })

  it('does not retry a unique violation, and throws the driver error', async () => {
    let calls = 0
    const error = await catchError(() =>
      withRetry(() => {
        calls++
        return t.db.insertInto('accounts').values({ id: 3, balance: 0, email: 'a@x' }).execute()
      }),
    )
    expect(calls).toBe(1)
    expect(isTransientError(error)).toBe(false)
    expect(isUniqueConstraintError(parseDatabaseError(error))).toBe(true)
  })

  if (t.dialect !== 'sqlite') {
    it('re-runs the whole transaction after a real deadlock, and both transfers land', async () => {
      const events: RetryEvent[] = []
      const bothLocked = barrier(2)
      const transfer = (db: Kysely<AnyDB>, first: number, second: number): Promise<void> =>
        withRetry(
          (attempt) =>
            db.transaction().execute(async (trx) => {
              // PostgreSQL waits deadlock_timeout (1 s by default) before it checks; MariaDB checks at once.
              if (t.dialect === 'postgres') await sql`set local deadlock_timeout = '100ms'`.execute(trx)
              await trx.updateTable('accounts').set({ balance: sql`balance - 1` }).where('id', '=', first).execute()
              if (attempt === 1) await bothLocked()
              await trx.updateTable('accounts').set({ balance: sql`balance - 1` }).where('id', '=', second).execute()
            }),
          { delayMs: 10, onRetry: (e) => events.push(e) },
        )
      await Promise.all([transfer(t.connect(), 1, 2), transfer(t.connect(), 2, 1)])

      expect(events).toHaveLength(1) // exactly one transaction was chosen as the victim
      const cause = events[0]?.error
      expect(isTransientError(cause)).toBe(true)
      if (t.dialect === 'postgres') expect(cause).toMatchObject({ code: '40P01' })
      else expect(cause).toMatchObject({ errno: 1213 })
      const balances = await t.db.selectFrom('accounts').select(['id', 'balance']).orderBy('id').execute()
      expect(balances).toEqual([
        { id: 1, balance: 98 },
        { id: 2, balance: 98 },
      ])
    })

    it('recovers when the server kills its connection in the middle of a transaction', async () => {
      const { db, pool } = t.connectWithPool({ poolSize: 2 })
      // node-postgres emits 'error' on a checked-out client whose server connection dies between
      // queries; without a listener that crashes the process. Applications need this line too
      // (docs/operations.md); the error reaches the transaction through its next query anyway.
      if (t.dialect === 'postgres') (pool as pg.Pool).on('connect', (client) => client.on('error', () => {}))
      const events: RetryEvent[] = []
      const answer = await withRetry(
        (attempt) =>
          db.transaction().execute(async (trx) => {
            const idQuery = t.dialect === 'postgres' ? sql<{ id: number }>`select pg_backend_pid() as id` : sql<{ id: number }>`select connection_id() as id`
            const id = (await idQuery.execute(trx)).rows[0]?.id
            if (attempt === 1) {
              if (t.dialect === 'postgres') await sql`select pg_terminate_backend(${id})`.execute(t.db)
              else await sql.raw(`kill ${Number(id)}`).execute(t.db)
            }
            return (await sql<{ answer: number }>`select 42 as answer`.execute(trx)).rows[0]?.answer
          }),
        { delayMs: 10, onRetry: (e) => events.push(e) },
      )
      expect(answer).toBe(42)
      expect(events.length).toBeGreaterThanOrEqual(1)
      expect(events.every((e) => isTransientError(e.error))).toBe(true)
    })
  }

  if (t.dialect === 'sqlite') {
    it('waits out SQLITE_BUSY while another connection holds the write lock', async () => {
      const holder = t.connect()
      const writer = t.connect()
      await sql`pragma busy_timeout = 0`.execute(writer) // fail at once instead of waiting inside SQLite
      let locked: () => void = () => {}
      const isLocked = new Promise<void>((resolve) => (locked = resolve))
      const holding = holder.transaction().execute(async (trx) => {
        await trx.updateTable('accounts').set({ balance: 500 }).where('id', '=', 1).execute()
        locked()
        await new Promise((resolve) => setTimeout(resolve, 150))
      })
      await isLocked
      const events: RetryEvent[] = []
      await withRetry(() => writer.updateTable('accounts').set({ balance: 7 }).where('id', '=', 2).execute(), {
        maxAttempts: 10,
        delayMs: 50,
        backoff: 'fixed',
        onRetry: (e) => events.push(e),
      })
      await holding
      expect(events.length).toBeGreaterThanOrEqual(1)
      expect(events[0]?.error).toMatchObject({ code: 'SQLITE_BUSY' })
      const rows = await t.db.selectFrom('accounts').select(['id', 'balance']).orderBy('id').execute()
      expect(rows).toEqual([
        { id: 1, balance: 500 },
        { id: 2, balance: 7 },
      ])
    })
  }
})
