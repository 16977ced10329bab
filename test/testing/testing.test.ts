import { sql, type Kysely } from 'kysely'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BadRequestError, createORM, createRepository, withTransaction } from 'kysera'
import {
  cleanDatabase,
  countRows,
  createFactory,
  seedDatabase,
  snapshotTable,
  testInTransaction,
  testWithIsolation,
  testWithSavepoints,
  waitFor,
} from 'kysera/testing'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../setup/dialects.js'
import { autoIdColumn } from '../setup/schema.js'

describeEachDialect('kysera/testing', (t) => {
  const db = (): Kysely<AnyDB> => t.db
  beforeAll(async () => {
    await db().schema.createTable('parents').addColumn('id', ...autoIdColumn(db())).addColumn('name', 'varchar(50)').execute()
    await db()
      .schema.createTable('children')
      .addColumn('id', ...autoIdColumn(db()))
      .addColumn('parent_id', 'integer', (c) => c.notNull().references('parents.id'))
      .execute()
    await db().schema.createTable('keep').addColumn('id', 'integer').execute()
  })
  beforeEach(async () => {
    await db().deleteFrom('children').execute()
    await db().deleteFrom('parents').execute()
    await db().deleteFrom('keep').execute()
  })

  it('testInTransaction rolls back, also work the code under test commits through Kysera transactions', async () => {
    const value = await testInTransaction(db(), async (trx) => {
      await trx.insertInto('parents').values({ name: 'direct' }).execute()
      await withTransaction(trx, (sp) => sp.insertInto('parents').values({ name: 'withTransaction' }).execute())
      await createRepository(trx, { tableName: 'parents' }).transaction((repo) => repo.create({ name: 'repo.transaction' }))
      await createORM(trx).transaction((orm) => orm.createRepository({ tableName: 'parents' }).create({ name: 'orm.transaction' }))
      expect(await countRows(trx, 'parents')).toBe(4)
      return 'result'
    })
    expect(value).toBe('result')
    expect(await countRows(db(), 'parents')).toBe(0)
    const error = await catchError(() => testInTransaction(db(), () => Promise.reject(new Error('test failed'))))
    expect((error as Error).message).toBe('test failed')
  })

  it('testWithSavepoints rolls back only its own part of an outer test transaction', async () => {
    await testInTransaction(db(), async (trx) => {
      await trx.insertInto('parents').values({ name: 'outer' }).execute()
      await testWithSavepoints(trx, (sp) => sp.insertInto('parents').values({ name: 'inner' }).execute())
      expect((await snapshotTable(trx, 'parents')).map((r) => r.name)).toEqual(['outer'])
    })
    await testWithSavepoints(db(), (trx) => trx.insertInto('parents').values({ name: 'top level' }).execute())
    expect(await countRows(db(), 'parents')).toBe(0)
  })

  it('testWithIsolation runs at the level asked and refuses unknown ones', async () => {
    if (t.dialect === 'postgres') {
      const level = await testWithIsolation(db(), 'serializable', async (trx) => (await sql<{ l: string }>`select current_setting('transaction_isolation') as l`.execute(trx)).rows[0]?.l)
      expect(level).toBe('serializable')
    } else {
      expect(await testWithIsolation(db(), 'serializable', (trx) => countRows(trx, 'parents'))).toBe(0)
    }
    expect(await catchError(() => testWithIsolation(db(), 'chaos' as never, async () => {}))).toBeInstanceOf(BadRequestError)
  })

  describe('cleanDatabase', () => {
    async function fill(): Promise<void> {
      const parent = await createRepository(db(), { tableName: 'parents' }).create({ name: 'p' })
      await db().insertInto('children').values({ parent_id: parent.id }).execute()
      await db().insertInto('keep').values({ id: 1 }).execute()
    }

    for (const strategy of ['delete', 'truncate'] as const) {
      it(`${strategy}: empties tables in foreign-key order, restarts ids, keeps excluded tables`, async () => {
        await fill()
        await cleanDatabase(db(), strategy, { exclude: ['keep'] })
        expect(await countRows(db(), 'parents')).toBe(0)
        expect(await countRows(db(), 'children')).toBe(0)
        expect(await countRows(db(), 'keep')).toBe(1)
        const again = await createRepository(db(), { tableName: 'parents' }).create({ name: 'after' })
        expect(again.id).toBe(1)
      })
    }

    it('restores the session foreign-key setting afterwards', async () => {
      const single = t.connect({ poolSize: 1 })
      await cleanDatabase(single, 'delete', { tables: ['children', 'parents'] })
      if (t.dialect === 'mysql') expect((await sql<{ c: number }>`select @@foreign_key_checks as c`.execute(single)).rows[0]?.c).toBe(1)
      if (t.dialect === 'sqlite') expect((await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(single)).rows[0]?.foreign_keys).toBe(1)
      // And the checks still bite: a child without its parent is refused.
      expect(await catchError(() => single.insertInto('children').values({ parent_id: 424242 }).execute())).toBeInstanceOf(Error)
    })

    it('refuses unknown or injection-shaped table names, emptying nothing', async () => {
      await fill()
      for (const tables of [['parents', 'nope'], ['parents"; drop table keep; --']]) {
        const error = await catchError(() => cleanDatabase(db(), 'delete', { tables }))
        expect(error).toMatchObject({ code: 'UNKNOWN_TABLE' })
      }
      expect(await catchError(() => cleanDatabase(db(), 'wipe' as never))).toBeInstanceOf(BadRequestError)
      expect(await countRows(db(), 'parents')).toBe(1)
      await cleanDatabase(db(), 'transaction') // nothing to do
      expect(await countRows(db(), 'keep')).toBe(1)
    })
  })

  it('seedDatabase writes all or nothing', async () => {
    await catchError(() =>
      seedDatabase(db(), async (trx) => {
        await trx.insertInto('parents').values({ name: 'seed' }).execute()
        throw new Error('half-way')
      }),
    )
    expect(await countRows(db(), 'parents')).toBe(0)
    await seedDatabase(db(), (trx) => trx.insertInto('parents').values([{ name: 'a' }, { name: 'b' }]).execute())
    expect(await countRows(db(), 'parents')).toBe(2)
  })

  it('snapshotTable and countRows refuse unknown tables', async () => {
    expect(await catchError(() => countRows(db(), 'nope'))).toMatchObject({ code: 'UNKNOWN_TABLE' })
    expect(await catchError(() => snapshotTable(db(), 'keep; drop table keep'))).toMatchObject({ code: 'UNKNOWN_TABLE' })
  })
})

describe('createFactory and waitFor', () => {
  it('builds rows from defaults, sequences and overrides', () => {
    const users = createFactory({ email: (n: number) => `user${n}@test.io`, role: 'member', age: 30 })
    expect(users.build()).toEqual({ email: 'user1@test.io', role: 'member', age: 30 })
    expect(users.build({ role: 'admin' })).toEqual({ email: 'user2@test.io', role: 'admin', age: 30 })
    expect(users.buildMany(2, { age: (n) => n * 10 })).toEqual([
      { email: 'user3@test.io', role: 'member', age: 30 },
      { email: 'user4@test.io', role: 'member', age: 40 },
    ])
    users.resetSequence()
    expect(users.build().email).toBe('user1@test.io')
    expect(() => users.buildMany(-1)).toThrow(BadRequestError)
    expect(() => createFactory(null as never)).toThrow(BadRequestError)
  })

  it('waitFor returns the first truthy value and times out with WAIT_TIMEOUT', async () => {
    let calls = 0
    expect(await waitFor(() => (++calls >= 3 ? 'ready' : undefined), { intervalMs: 1 })).toBe('ready')
    const error = await catchError(() => waitFor(() => Promise.reject(new Error('not yet')), { timeoutMs: 30, intervalMs: 5 }))
    expect(error).toMatchObject({ code: 'WAIT_TIMEOUT' })
    expect((error as Error).cause).toBeInstanceOf(Error)
    expect(await catchError(() => waitFor(() => true, { intervalMs: 0 }))).toBeInstanceOf(BadRequestError)
  })
})
