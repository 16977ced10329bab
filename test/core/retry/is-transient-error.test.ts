import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { BadRequestError, isTransientError, parseDatabaseError } from '../../../src/core/index.js'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect } from '../../setup/dialects.js'

describeEachDialect('isTransientError', (t) => {
  beforeAll(async () => {
    await t.db.schema
      .createTable('tx_rows')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('v', 'integer', (c) => c.notNull())
      .execute()
    await t.db.insertInto('tx_rows').values({ id: 1, v: 0 }).execute()
  })

  it('is false for constraint violations and syntax errors, raw or parsed', async () => {
    const unique = await catchError(() => t.db.insertInto('tx_rows').values({ id: 1, v: 0 }).execute())
    const notNull = await catchError(() => t.db.insertInto('tx_rows').values({ id: 9, v: null }).execute())
    const syntax = await catchError(() => sql`selec 1`.execute(t.db))
    for (const error of [unique, notNull, syntax]) {
      expect(isTransientError(error)).toBe(false)
      expect(isTransientError(parseDatabaseError(error))).toBe(false)
    }
  })

  it('classifies a server that cannot be reached (refused connection: transient; missing SQLite directory: not)', async () => {
    const db = t.unreachable()
    const error = await catchError(() => sql`select 1`.execute(db))
    expect(isTransientError(error)).toBe(t.dialect !== 'sqlite')
    await db.destroy().catch(() => {})
  })

  it('is false for things that are not driver errors', () => {
    for (const value of [undefined, null, 'ECONNRESET', 40001, {}, new Error('deadlock'), new BadRequestError('x')]) {
      expect(isTransientError(value)).toBe(false)
    }
  })

  if (t.dialect === 'sqlite') {
    it('is true for SQLITE_BUSY, also behind a Kysera error', async () => {
      const holder = t.connect()
      const writer = t.connect()
      await sql`pragma busy_timeout = 0`.execute(writer)
      let error: unknown
      await holder.transaction().execute(async (trx) => {
        await trx.updateTable('tx_rows').set({ v: 1 }).execute()
        error = await catchError(() => writer.updateTable('tx_rows').set({ v: 2 }).execute())
      })
      expect(error).toMatchObject({ code: 'SQLITE_BUSY' })
      expect(isTransientError(error)).toBe(true)
      expect(isTransientError(parseDatabaseError(error))).toBe(true)
    })
  }

  if (t.dialect === 'postgres') {
    it('is true for a serialization failure (40001)', async () => {
      const reader = t.connect()
      let error: unknown
      await reader
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          await trx.selectFrom('tx_rows').selectAll().execute() // takes the snapshot
          await t.db.updateTable('tx_rows').set({ v: 10 }).where('id', '=', 1).execute()
          error = await catchError(() => trx.updateTable('tx_rows').set({ v: 11 }).where('id', '=', 1).execute())
        })
        .catch(() => {}) // the aborted transaction cannot commit
      expect(error).toMatchObject({ code: '40001' })
      expect(isTransientError(error)).toBe(true)
    })
  }

  if (t.dialect === 'mysql') {
    it('is true for a lock wait timeout (1205)', async () => {
      const waiter = t.connect({ poolSize: 1 })
      await sql`set session innodb_lock_wait_timeout = 1`.execute(waiter)
      let error: unknown
      await t.db.transaction().execute(async (trx) => {
        await trx.updateTable('tx_rows').set({ v: 20 }).where('id', '=', 1).execute()
        error = await catchError(() => waiter.updateTable('tx_rows').set({ v: 21 }).where('id', '=', 1).execute())
      })
      expect(error).toMatchObject({ errno: 1205 })
      expect(isTransientError(error)).toBe(true)
    })
  }
})

describe('isTransientError on unusual shapes', () => {
  // Shapes the suites above cannot provoke on demand; built by hand on purpose.
  it('follows cause chains and reads socket codes', () => {
    const socket = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })
    expect(isTransientError(new Error('outer', { cause: new Error('middle', { cause: socket }) }))).toBe(true)
    expect(isTransientError(new AggregateError([socket, Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]))).toBe(true)
    expect(isTransientError(new AggregateError([socket, new Error('other')]))).toBe(false)
  })

  it('stops at a bounded depth on a cyclic cause chain', () => {
    const a: { cause?: unknown } = {}
    const b = { cause: a }
    a.cause = b
    expect(isTransientError(a)).toBe(false)
  })
})
