import { beforeAll, beforeEach, expect, it } from 'vitest'
import { sql, type CompiledQuery, type Kysely, type SelectQueryBuilder } from 'kysely'
import { createORM, createRepository, DatabaseError, UniqueConstraintError, type Plugin } from 'kysera'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect } from '../setup/dialects.js'
import { createPeopleAndTags, resetPeopleAndTags, type TestDB } from './fixtures.js'

// A repository compiles its fixed-shape statements (findById, create and update of one column set)
// once and sends them again with new values, when nothing could rewrite them per call.
describeEachDialect('repository statements compiled once', (t) => {
  const db = (): Kysely<TestDB> => t.db as Kysely<TestDB>

  beforeAll(() => createPeopleAndTags(t.db))
  beforeEach(() => resetPeopleAndTags(t.db))

  /** A repository on its own connection, and every statement that connection sent. */
  const logged = () => {
    const sent: CompiledQuery[] = []
    // The adapter's one-time capability probe (SQLite's version, read on first use) is not a repository statement.
    const conn = t.connect({ onQuery: (q) => (q.sql.startsWith('select sqlite_version()') ? undefined : sent.push(q as CompiledQuery)) }) as Kysely<TestDB>
    return { repo: createRepository(conn, { tableName: 'people' }), sent, conn }
  }

  it('sends one statement per shape again with each call’s values, and reads the right rows', async () => {
    const { repo, sent } = logged()
    const ada = await repo.create({ email: 'ada@x.io', name: 'Ada', age: 36 })
    const bob = await repo.create({ email: 'bob@x.io', name: 'Bob', age: 41 })
    expect(bob).toMatchObject({ email: 'bob@x.io', name: 'Bob', age: 41 })
    sent.length = 0
    expect(await repo.findById(ada.id)).toEqual(ada)
    expect(await repo.findById(bob.id)).toEqual(bob)
    expect(await repo.findById(999_999)).toBeNull()
    const [first, second, third] = sent
    expect(second?.sql).toBe(first?.sql)
    expect(second?.query).toBe(first?.query) // the same compiled statement, not a new build
    expect([first?.parameters, second?.parameters, third?.parameters]).toEqual([[ada.id], [bob.id], [999_999]])
    expect(await repo.update(ada.id, { age: 37 })).toEqual({ ...ada, age: 37 })
    expect(await repo.update(bob.id, { age: 42 })).toEqual({ ...bob, age: 42 })
  })

  it('writes the LIMIT of findOne and exists as `limit 1`, and binds find’s limit (`+?` on SQLite, which does not re-plan it per value)', async () => {
    const { repo, sent } = logged()
    for (const n of [1, 2, 3]) await repo.create({ email: `${n}@x.io`, name: `P${n}`, age: n })
    sent.length = 0
    expect(await repo.findOne({ age: 2 })).toMatchObject({ name: 'P2' })
    expect(await repo.exists({ age: 3 })).toBe(true)
    expect((await repo.find({ where: { age: { $gte: 1 } }, limit: 2, offset: 1 })).map((p) => p.name)).toEqual(['P2', 'P3'])
    const [findOne, exists, find] = sent
    expect(findOne?.sql).toMatch(/ limit 1$/)
    expect(findOne?.parameters).toEqual([2])
    expect(exists?.sql).toMatch(/ limit 1$/)
    const limit = { sqlite: 'limit +? offset ?', postgres: 'limit $2 offset $3', mysql: 'limit ? offset ?' }[t.dialect]
    expect(find?.sql.endsWith(limit)).toBe(true)
    expect(find?.parameters).toEqual([1, 2, 1])
  })

  it('keeps column sets and column orders apart', async () => {
    const { repo } = logged()
    const a = await repo.create({ email: 'a@x.io', name: 'A' })
    const b = await repo.create({ name: 'B', email: 'b@x.io', age: 5 })
    const c = await repo.create({ age: 6, bio: 'c', email: 'c@x.io', name: 'C' })
    expect([a, b, c].map((p) => [p.email, p.name, p.age, p.bio])).toEqual([
      ['a@x.io', 'A', null, null],
      ['b@x.io', 'B', 5, null],
      ['c@x.io', 'C', 6, 'c'],
    ])
    expect(await repo.update(a.id, { bio: 'x', age: 1 })).toMatchObject({ bio: 'x', age: 1, name: 'A' })
    expect(await repo.update(a.id, { age: 2, bio: 'y' })).toMatchObject({ bio: 'y', age: 2, name: 'A' })
    expect(await repo.update(a.id, { name: 'AA' })).toMatchObject({ bio: 'y', age: 2, name: 'AA' })
  })

  it('never replays a value Kysely writes into the SQL (a raw expression), before or after a plain one', async () => {
    const { repo } = logged()
    // The repository's input types offer no expressions, but a value is handed to Kysely as it is.
    const upper = (s: string) => sql<string>`upper(${s})` as unknown as string
    expect((await repo.create({ email: '1@x.io', name: 'plain' })).name).toBe('plain')
    expect((await repo.create({ email: '2@x.io', name: upper('ada') })).name).toBe('ADA')
    expect((await repo.create({ email: '3@x.io', name: 'again' })).name).toBe('again')
    expect((await repo.create({ email: '4@x.io', name: upper('bob') })).name).toBe('BOB')
    const p = await repo.findOne({ email: '1@x.io' })
    expect((await repo.update(p?.id as number, { name: upper('low') })).name).toBe('LOW')
    expect((await repo.update(p?.id as number, { name: 'plain' })).name).toBe('plain')
  })

  it('turns driver errors from a reused statement into typed errors', async () => {
    const { repo } = logged()
    await repo.create({ email: 'dup@x.io', name: 'A' })
    await repo.create({ email: 'other@x.io', name: 'B' })
    const error = await catchError(() => repo.create({ email: 'dup@x.io', name: 'C' }))
    expect(error).toBeInstanceOf(UniqueConstraintError)
    expect(error).toMatchObject({ table: 'people', columns: ['email'] })
  })

  it('builds anew on an executor with Kysely plugins, also for a repository that kept statements', async () => {
    const repo = createRepository(db(), { tableName: 'people' })
    const ada = await repo.create({ email: 'ada@x.io', name: 'Ada' })
    expect(await repo.findById(ada.id)).toEqual(ada)
    // The same repository inside a transaction of `withSchema`: its WithSchemaPlugin must qualify the
    // table, so the lookup goes to a schema/database without the table and fails.
    const elsewhere = db().withSchema('kysera_no_such_schema')
    const error = await catchError(() => elsewhere.transaction().execute((trx) => repo.withTransaction(trx).findById(ada.id)))
    expect(error).toBeInstanceOf(DatabaseError)
    expect(await repo.findById(ada.id)).toEqual(ada)
  })

  it('lets a plugin that intercepts queries see every call', async () => {
    const seen: unknown[] = []
    const spy: Plugin = {
      name: 'spy',
      version: '1.0.0',
      interceptQuery: (qb, ctx) => {
        seen.push(ctx.metadata.method)
        return qb
      },
    }
    const repo = createORM(db(), [spy]).createRepository({ tableName: 'people' })
    const ada = await repo.create({ email: 'ada@x.io', name: 'Ada' })
    await repo.findById(ada.id)
    await repo.findById(ada.id)
    await repo.update(ada.id, { age: 3 })
    // MySQL reads written rows back (no RETURNING): one more statement per write.
    const readBack = t.dialect === 'mysql'
    expect(seen).toEqual(readBack ? ['create', 'create', 'findById', 'findById', 'update', 'update'] : ['create', 'findById', 'findById', 'update'])
  })

  it('keeps a statement per interception key, and follows a plugin whose key changes', async () => {
    // Hides people younger than a minimum written into the SQL; the key names the minimum.
    let minimum = 18
    const adults: Plugin = {
      name: 'adults',
      version: '1.0.0',
      interceptQuery: (qb, ctx) => (ctx.operation === 'select' ? ((qb as SelectQueryBuilder<TestDB, 'people', object>).where('age', '>=', sql.lit(minimum)) as typeof qb) : qb),
      interceptionKey: (ctx) => (ctx.operation === 'select' ? `min ${minimum}` : ''),
    }
    const repo = createORM(db(), [adults]).createRepository({ tableName: 'people' })
    const kid = await createRepository(db(), { tableName: 'people' }).create({ email: 'kid@x.io', name: 'Kid', age: 12 })
    expect(await repo.findById(kid.id)).toBeNull()
    expect(await repo.findById(kid.id)).toBeNull()
    minimum = 10
    expect(await repo.findById(kid.id)).toMatchObject({ name: 'Kid' })
    minimum = 18
    expect(await repo.findById(kid.id)).toBeNull()
  })

  it('does not keep a statement that a plugin gave parameters of its own, whatever its key says', async () => {
    let minimum = 18
    const binds: Plugin = {
      name: 'binds',
      version: '1.0.0',
      interceptQuery: (qb, ctx) => (ctx.operation === 'select' ? ((qb as SelectQueryBuilder<TestDB, 'people', object>).where('age', '>=', minimum) as typeof qb) : qb),
      interceptionKey: () => 'always the same', // wrong: the bound minimum changes
    }
    const repo = createORM(db(), [binds]).createRepository({ tableName: 'people' })
    const ids = (await createRepository(db(), { tableName: 'people' }).bulkCreate([
      { email: 'a@x.io', name: 'A', age: 12 },
      { email: 'b@x.io', name: 'B', age: 30 },
    ])).map((p) => p.id)
    expect(await repo.findById(ids[0] as number)).toBeNull()
    minimum = 10
    expect(await repo.findById(ids[0] as number)).toMatchObject({ name: 'A' })
    minimum = 40
    expect(await repo.findById(ids[1] as number)).toBeNull()
  })

  it('leaves out columns whose value is undefined, as Kysely does, also after a statement with them was kept', async () => {
    let bio: string | undefined = 'first'
    const filler: Plugin = { name: 'filler', version: '1.0.0', prepareWrite: (rows) => rows.map((r) => ({ ...r, bio })) }
    const repo = createORM(db(), [filler]).createRepository({ tableName: 'people' })
    expect((await repo.create({ email: 'a@x.io', name: 'A' })).bio).toBe('first')
    bio = undefined
    const b = await repo.create({ email: 'b@x.io', name: 'B' })
    expect(b.bio).toBeNull()
    bio = 'third'
    expect((await repo.update(b.id, { name: 'BB' })).bio).toBe('third')
    bio = undefined
    expect(await repo.update(b.id, { name: 'BBB' })).toMatchObject({ name: 'BBB', bio: 'third' })
  })

  it('reuses key-list reads and deletes (one array, one JSON document, or a short IN list) with other keys', async () => {
    const { repo, sent } = logged()
    const people = await repo.bulkCreate(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => ({ email: `${n}@x.io`, name: n })))
    const id = (i: number) => people[i]?.id as number
    sent.length = 0
    expect((await repo.findByIds([id(2), id(0), 999_999])).map((p) => p.name)).toEqual(['c', 'a'])
    expect((await repo.findByIds([id(5), id(3), id(4)])).map((p) => p.name)).toEqual(['f', 'd', 'e'])
    const [first, second] = sent
    expect(second?.query).toBe(first?.query)
    expect(await repo.delete(id(0))).toBe(true)
    expect(await repo.delete(id(0))).toBe(false)
    expect(await repo.delete(id(1))).toBe(true)
    expect(await repo.bulkDelete([id(2), id(3)])).toBe(2)
    expect(await repo.bulkDelete([id(4), id(5)])).toBe(2)
    expect(await repo.count()).toBe(0)
  })
})
