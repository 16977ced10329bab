// SQLite only: the dialect wraps a better-sqlite3 database.
import Database from 'better-sqlite3'
import { Kysely, sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { BadRequestError, KyseraSqliteDialect, withTransaction } from '../../../src/core/index.js'
import { MAX_CACHED_SQL_LENGTH } from '../../../src/core/sqlite/statement-cache.js'
import { must } from '../../setup/must.js'

function open(size?: number): { db: Kysely<any>; prepared: string[]; database: Database.Database } { // eslint-disable-line @typescript-eslint/no-explicit-any
  const database = new Database(':memory:')
  const prepared: string[] = []
  const counting = new Proxy(database, {
    get(target, property): unknown {
      if (property === 'prepare') return (text: string) => (prepared.push(text), target.prepare(text))
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
    },
  })
  const dialect = new KyseraSqliteDialect({ database: counting, ...(size === undefined ? {} : { statementCacheSize: size }) })
  return { db: new Kysely({ dialect }), prepared, database }
}

describe('KyseraSqliteDialect', () => {
  it('prepares a repeated statement once and returns the right rows every time', async () => {
    const { db, prepared } = open()
    await sql`create table t (id integer primary key, name text)`.execute(db)
    await db.insertInto('t').values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]).execute()
    prepared.length = 0
    for (const id of [1, 2, 1, 2]) {
      expect(await db.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst()).toEqual({ name: id === 1 ? 'a' : 'b' })
    }
    expect(prepared).toHaveLength(1)
  })

  it('writes a bound LIMIT as `limit +?`, which SQLite does not re-plan per value, with the same rows', async () => {
    const { db } = open()
    await sql`create table t (id integer primary key)`.execute(db)
    await db.insertInto('t').values([1, 2, 3, 4, 5].map((id) => ({ id }))).execute()
    const page = (limit: number, offset: number) => db.selectFrom('t').select('id').orderBy('id').limit(limit).offset(offset)
    expect(page(2, 1).compile()).toMatchObject({ sql: 'select "id" from "t" order by "id" limit +? offset ?', parameters: [2, 1] })
    expect((await page(2, 1).execute()).map((r) => r.id)).toEqual([2, 3])
    expect(await page(0, 0).execute()).toEqual([])
    // -1 is "no limit" on SQLite, with or without the sign.
    expect((await page(-1, 3).execute()).map((r) => r.id)).toEqual([4, 5])
    // A literal or an expression is left as written.
    expect(db.selectFrom('t').select('id').limit(sql.lit(1)).compile().sql).toBe('select "id" from "t" limit 1')
    expect(db.selectFrom('t').select('id').limit(sql<number>`${1} + ${1}`).compile()).toMatchObject({ sql: 'select "id" from "t" limit ? + ?', parameters: [1, 1] })
    // In subqueries too.
    const inner = db.selectFrom('t').select('id').orderBy('id', 'desc').limit(2)
    const outer = db.selectFrom(inner.as('last')).selectAll()
    expect(outer.compile().sql).toBe('select * from (select "id" from "t" order by "id" desc limit +?) as "last"')
    expect((await outer.execute()).map((r) => r.id).sort()).toEqual([4, 5])
  })

  it('keeps at most `size` statements, dropping the least recently used', async () => {
    const { db, prepared } = open(2)
    const q = (n: number) => sql`select ${sql.lit(n)} as n`.execute(db)
    await q(1)
    await q(2)
    await q(1) // 1 is now the most recently used
    await q(3) // evicts 2
    await q(1)
    await q(2)
    expect(prepared).toEqual(['select 1 as n', 'select 2 as n', 'select 3 as n', 'select 2 as n'])
  })

  it('counts a use made before the cache was full', async () => {
    const { db, prepared } = open(3)
    const q = (n: number) => sql`select ${sql.lit(n)} as n`.execute(db)
    for (const n of [1, 2, 1, 3, 4, 1, 3, 2]) await q(n) // 4 evicts 2, the least recently used, not 1 (the oldest)
    expect(prepared).toEqual(['select 1 as n', 'select 2 as n', 'select 3 as n', 'select 4 as n', 'select 2 as n'])
  })

  it('does not keep statements with very long SQL (one per batch size would hold megabytes each), and still runs them', async () => {
    const { db, prepared } = open(5)
    await sql`create table big (id integer primary key)`.execute(db)
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }))
    prepared.length = 0
    for (const n of [3_000, 3_000]) {
      await db.deleteFrom('big').execute()
      await db.insertInto('big').values(rows(n)).execute()
    }
    const inserts = prepared.filter((s) => s.startsWith('insert'))
    expect(inserts).toHaveLength(2) // 3,000 rows: about 15,000 characters of SQL, prepared each time
    expect(must(inserts[0]).length).toBeGreaterThan(MAX_CACHED_SQL_LENGTH)
    expect(prepared.filter((s) => s.startsWith('delete'))).toHaveLength(1)
    expect(await db.selectFrom('big').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst()).toEqual({ n: 3_000 })
  })

  it('sees schema changes made after a statement was cached', async () => {
    const { db } = open()
    await sql`create table s (id integer)`.execute(db)
    await db.insertInto('s').values({ id: 1 }).execute()
    expect(await db.selectFrom('s').selectAll().execute()).toEqual([{ id: 1 }])
    await sql`alter table s add column label text default 'x'`.execute(db)
    expect(await db.selectFrom('s').selectAll().execute()).toEqual([{ id: 1, label: 'x' }])
  })

  it('works inside transactions and savepoints, which roll back as usual', async () => {
    const { db } = open()
    await sql`create table r (id integer)`.execute(db)
    await withTransaction(db, async (trx) => {
      await trx.insertInto('r').values({ id: 1 }).execute()
      await withTransaction(trx, async (sp) => {
        await sp.insertInto('r').values({ id: 2 }).execute()
        throw new Error('undo')
      }).catch(() => {})
    })
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('r').values({ id: 3 }).execute()
      throw new Error('undo all')
    }).catch(() => {})
    expect(await db.selectFrom('r').selectAll().execute()).toEqual([{ id: 1 }])
  })

  it('opens the database lazily when given a function, and closes it with the Kysely instance', async () => {
    const database = new Database(':memory:')
    let opened = 0
    const db = new Kysely({ dialect: new KyseraSqliteDialect({ database: () => (opened++, Promise.resolve(database)) }) })
    expect(opened).toBe(0)
    expect((await sql<{ n: number }>`select 41 + 1 as n`.execute(db)).rows).toEqual([{ n: 42 }])
    expect((await sql<{ n: number }>`select 41 + 1 as n`.execute(db)).rows).toEqual([{ n: 42 }])
    expect(opened).toBe(1)
    await db.destroy()
    expect(database.open).toBe(false)
  })

  it('rejects invalid options with BadRequestError naming the option', () => {
    const database = new Database(':memory:')
    const cases: [unknown, string][] = [
      [undefined, 'options'],
      [null, 'options'],
      [{}, 'database'],
      [{ database: 'app.db' }, 'database'],
      [{ database: {} }, 'database'],
      [{ database, statementCacheSize: 0 }, 'statementCacheSize'],
      [{ database, statementCacheSize: 1.5 }, 'statementCacheSize'],
      [{ database, statementCacheSize: '200' }, 'statementCacheSize'],
    ]
    for (const [config, option] of cases) {
      const error = (() => {
        try {
          new KyseraSqliteDialect(config as never)
        } catch (e) {
          return e
        }
        return undefined
      })()
      expect(error, JSON.stringify(config ?? null)).toBeInstanceOf(BadRequestError)
      expect((error as BadRequestError).message).toContain(`Invalid ${option}`)
    }
  })
})
