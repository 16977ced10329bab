import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { BadRequestError, withDebug, withTransaction, type Logger, type QueryMetric } from '../../../src/core/index.js'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect } from '../../setup/dialects.js'
import { slowQuery } from '../../setup/slow-query.js'

/** A logger that keeps what it was given, by level. */
function recordingLogger(): Logger & { lines: { level: string; message: string; args: unknown[] }[] } {
  const lines: { level: string; message: string; args: unknown[] }[] = []
  const at =
    (level: string) =>
    (message: string, ...args: unknown[]): void => {
      lines.push({ level, message, args })
    }
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }
}

describeEachDialect('withDebug', (t) => {
  beforeAll(async () => {
    await t.db.schema
      .createTable('items')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('name', 'varchar(50)')
      .execute()
  })

  it('records the SQL exactly as the driver received it, with the dialect placeholders', async () => {
    const sent: string[] = []
    const db = withDebug(t.connect({ onQuery: (q) => sent.push(q.sql) }), { logger: recordingLogger() })
    await db.insertInto('items').values({ id: 1, name: 'a' }).execute()
    await db.selectFrom('items').select(['id', 'name']).where('id', '=', 1).where('name', 'like', 'a%').execute()
    await db.updateTable('items').set({ name: 'b' }).where('id', '=', 1).execute()
    await sql`select ${5} as five`.execute(db)
    await db.deleteFrom('items').where('id', '=', 1).execute()

    const recorded = db.getMetrics().map((m) => m.sql)
    expect(recorded).toEqual(sent)
    expect(recorded).toHaveLength(5)
    const select = recorded[1] as string
    if (t.dialect === 'postgres') expect(select).toBe('select "id", "name" from "items" where "id" = $1 and "name" like $2')
    if (t.dialect === 'mysql') expect(select).toBe('select `id`, `name` from `items` where `id` = ? and `name` like ?')
    if (t.dialect === 'sqlite') expect(select).toBe('select "id", "name" from "items" where "id" = ? and "name" like ?')
  })

  it('records parameters only with logParams', async () => {
    const quiet = withDebug(t.db, { logger: recordingLogger() })
    const verbose = withDebug(t.db, { logParams: true, logger: recordingLogger() })
    await quiet.selectFrom('items').selectAll().where('id', '=', 42).execute()
    await verbose.selectFrom('items').selectAll().where('id', '=', 42).where('name', '=', 'secret').execute()
    expect(quiet.getMetrics()[0]?.params).toEqual([])
    expect(verbose.getMetrics()[0]?.params).toEqual([42, 'secret'])
  })

  it('records durations and start times, oldest first, and leaves the original instance untouched', async () => {
    const db = withDebug(t.db, { logger: recordingLogger() })
    const before = Date.now()
    await sql`select 1`.execute(db)
    await slowQuery(db, 0.05).execute(db)
    await sql`select 2`.execute(t.db) // the instance withDebug was given records nothing
    const [first, second, ...rest] = db.getMetrics()
    expect(rest).toEqual([])
    expect(first?.sql).toBe('select 1')
    expect(first?.duration).toBeGreaterThanOrEqual(0)
    expect(first?.timestamp).toBeGreaterThanOrEqual(before)
    expect(second?.timestamp).toBeGreaterThanOrEqual(first?.timestamp ?? Infinity)
    // The slow query really ran inside the measured span: its duration covers the server's sleep.
    expect(second?.duration).toBeGreaterThanOrEqual(40)
  })

  it('reports a real slow query to onSlowQuery and logs it as a warning, but not a fast one', async () => {
    const slow: QueryMetric[] = []
    const logger = recordingLogger()
    const db = withDebug(t.db, { slowQueryThreshold: 50, onSlowQuery: (m) => slow.push(m), logQuery: false, logger })
    await sql`select 1`.execute(db)
    await slowQuery(db, 0.2).execute(db)
    expect(slow).toHaveLength(1)
    expect(slow[0]?.sql).toBe(slowQuery(db, 0.2).compile(db).sql)
    expect(slow[0]?.duration).toBeGreaterThanOrEqual(50)
    expect(logger.lines.map((l) => l.level)).toEqual(['warn'])
    expect(logger.lines[0]?.message).toMatch(/^\[kysera:debug\] slow query \d+\.\d\d ms: /)
  })

  it('keeps a query successful when onSlowQuery throws, and logs the callback error', async () => {
    const logger = recordingLogger()
    const db = withDebug(t.db, {
      slowQueryThreshold: 0,
      logQuery: false,
      logger,
      onSlowQuery: () => {
        throw new Error('callback broke')
      },
    })
    const result = await sql<{ one: number }>`select 1 as one`.execute(db)
    expect(result.rows).toEqual([{ one: 1 }])
    expect(logger.lines.find((l) => l.level === 'error')?.args[0]).toBeInstanceOf(Error)
  })

  it('logs each query at debug level, with parameters only when logParams is on', async () => {
    const plain = recordingLogger()
    const withParams = recordingLogger()
    await withDebug(t.db, { logger: plain }).selectFrom('items').selectAll().where('id', '=', 7).execute()
    await withDebug(t.db, { logger: withParams, logParams: true }).selectFrom('items').selectAll().where('id', '=', 7).execute()
    await withDebug(t.db, { logger: plain, logQuery: false }).selectFrom('items').selectAll().execute()
    expect(plain.lines).toHaveLength(1)
    expect(plain.lines[0]).toMatchObject({ level: 'debug', args: [] })
    expect(plain.lines[0]?.message).toContain('from')
    expect(withParams.lines[0]?.args).toEqual([[7]])
  })

  it('records queries run inside transactions, savepoints included', async () => {
    const db = withDebug(t.db, { logger: recordingLogger() })
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('items').values({ id: 10, name: 'trx' }).execute()
      await withTransaction(trx, async (nested) => {
        await nested.selectFrom('items').selectAll().where('id', '=', 10).execute()
      })
    })
    await withTransaction(db, async (trx) => {
      await trx.deleteFrom('items').where('id', '=', 10).execute()
    })
    // Kysely sends savepoint statements through the plugin chain too; BEGIN and COMMIT go to the driver directly.
    const recorded = db.getMetrics().map((m) => m.sql.split(' ')[0])
    expect(recorded).toEqual(['insert', 'savepoint', 'select', 'release', 'delete'])
  })

  it('does not record a failing query, and the failure still reaches the caller', async () => {
    const db = withDebug(t.db, { logger: recordingLogger() })
    const error = await catchError(() => sql`select * from no_such_table`.execute(db))
    expect(error).toBeInstanceOf(Error)
    expect(db.getMetrics()).toEqual([])
  })

  it('records the queries after a failed one with their own SQL, also when they overlap', async () => {
    const db = withDebug(t.db, { logQuery: false, logParams: true, logger: recordingLogger() })
    await catchError(() => sql`select * from no_such_table`.execute(db))
    await sql`select ${1} as n`.execute(db)
    await catchError(() => sql`select * from no_such_table_either`.execute(db))
    await Promise.all([2, 3, 4].map((n) => sql`select ${n} as n`.execute(db)))
    const metrics = db.getMetrics()
    expect(metrics.map((m) => m.sql).every((s) => !s.includes('no_such_table'))).toBe(true)
    expect(metrics.map((m) => m.params[0]).sort()).toEqual([1, 2, 3, 4])
  })

  it('keeps at most maxMetrics, the newest, after 100,000 queries', async () => {
    const db = withDebug(t.db, { maxMetrics: 50, logQuery: false, logParams: true, logger: recordingLogger() })
    const total = 100_000
    const concurrency = t.dialect === 'sqlite' ? 1 : 8
    let next = 0
    // The order queries finish in, as their callers see it: each result reaches its caller before the
    // next one is read from a socket, so this is the order the plugin recorded them in.
    const finished: number[] = []
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const i = next++
          await sql`select ${i} as i`.execute(db)
          finished.push(i)
        }
      }),
    )
    const metrics = db.getMetrics()
    expect(metrics).toHaveLength(50)
    // Exactly the 50 that finished last, oldest first (with concurrent queries not always the last 50 issued).
    expect(metrics.map((m) => m.params[0])).toEqual(finished.slice(-50))
    db.clearMetrics()
    expect(db.getMetrics()).toEqual([])
  }, 120_000)
})

describe('withDebug options', () => {
  const db = {} as never
  it.each([
    ['logQuery', { logQuery: 'yes' }],
    ['logParams', { logParams: 1 }],
    ['slowQueryThreshold', { slowQueryThreshold: -1 }],
    ['slowQueryThreshold', { slowQueryThreshold: Number.NaN }],
    ['onSlowQuery', { onSlowQuery: 'log it' }],
    ['maxMetrics', { maxMetrics: 1.5 }],
    ['maxMetrics', { maxMetrics: -1 }],
    ['logger', { logger: {} }],
    ['options', 'verbose'],
  ])('rejects an invalid %s with a BadRequestError naming it', (option, options) => {
    const error = (() => {
      try {
        withDebug(db, options as never)
      } catch (e) {
        return e
      }
      return undefined
    })()
    expect(error).toBeInstanceOf(BadRequestError)
    expect(error).toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining(`Invalid ${option}:`) as unknown })
  })
})
