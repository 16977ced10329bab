import { randomUUID } from 'node:crypto'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  BadRequestError,
  createRepository,
  NotFoundError,
  UniqueConstraintError,
  CheckConstraintError,
} from 'kysera'
import type { Kysely } from 'kysely'
import { catchError } from '../setup/catch-error.js'
import { must } from '../setup/must.js'
import { describeEachDialect } from '../setup/dialects.js'
import { createPeopleAndTags, resetPeopleAndTags, statementLog, type TestDB } from './fixtures.js'

describeEachDialect('createRepository', (t) => {
  const db = (): Kysely<TestDB> => t.db as Kysely<TestDB>
  const people = () => createRepository(db(), { tableName: 'people' })
  const tags = () => createRepository(db(), { tableName: 'tags' })

  beforeAll(() => createPeopleAndTags(t.db))
  beforeEach(() => resetPeopleAndTags(t.db))

  it('creates, reads, updates and deletes with an auto-increment key', async () => {
    const repo = people()
    const ada = await repo.create({ email: 'ada@x.io', name: 'Ada', age: 36 })
    expect(ada).toMatchObject({ email: 'ada@x.io', name: 'Ada', age: 36, bio: null })
    expect(typeof ada.id).toBe('number')
    expect(await repo.findById(ada.id)).toEqual(ada)
    const older = await repo.update(ada.id, { age: 37 })
    expect(older).toEqual({ ...ada, age: 37 })
    expect(await repo.delete(ada.id)).toBe(true)
    expect(await repo.delete(ada.id)).toBe(false)
    expect(await repo.findById(ada.id)).toBeNull()
  })

  it('works with string (uuid) keys given by the caller', async () => {
    const repo = tags()
    const id = randomUUID()
    expect(await repo.create({ id, label: 'sql', weight: 3 })).toEqual({ id, label: 'sql', weight: 3 })
    expect(await repo.update(id, { weight: 4 })).toEqual({ id, label: 'sql', weight: 4 })
    expect(await repo.findByIds([randomUUID(), id])).toEqual([{ id, label: 'sql', weight: 4 }])
    expect(await repo.delete(id)).toBe(true)
  })

  it('update of a missing id throws NotFoundError; an empty update returns the row', async () => {
    const repo = people()
    expect(await catchError(() => repo.update(999_999, { name: 'x' }))).toBeInstanceOf(NotFoundError)
    expect(await catchError(() => repo.update(999_999, {}))).toBeInstanceOf(NotFoundError)
    const ada = await repo.create({ email: 'a@x.io', name: 'Ada' })
    expect(await repo.update(ada.id, {})).toEqual(ada)
  })

  it('returns findByIds in the order asked, without the missing ones', async () => {
    const repo = people()
    const [a, b, c] = await repo.bulkCreate([
      { email: 'a@x.io', name: 'A' },
      { email: 'b@x.io', name: 'B' },
      { email: 'c@x.io', name: 'C' },
    ])
    expect((await repo.findByIds([must(c).id, 424242, must(a).id, must(b).id])).map((p) => p.name)).toEqual(['C', 'A', 'B'])
    expect(await repo.findByIds([])).toEqual([])
  })

  it('finds with where, orderBy, limit and offset; counts; checks existence', async () => {
    const repo = people()
    await repo.bulkCreate(['e', 'd', 'c', 'b', 'a'].map((n, i) => ({ email: `${n}@x.io`, name: n, age: i < 3 ? 30 : null })))
    expect((await repo.find({ where: { age: 30 }, orderBy: { column: 'name' } })).map((p) => p.name)).toEqual(['c', 'd', 'e'])
    expect((await repo.find({ orderBy: [{ column: 'name', direction: 'desc' }], limit: 2, offset: 1 })).map((p) => p.name)).toEqual(['d', 'c'])
    expect((await repo.find({ orderBy: { column: 'name' }, offset: 3 })).map((p) => p.name)).toEqual(['d', 'e'])
    expect(await repo.count()).toBe(5)
    expect(await repo.count({ age: null })).toBe(2)
    expect(await repo.exists({ name: 'a' })).toBe(true)
    expect(await repo.exists({ name: 'z' })).toBe(false)
    expect((await repo.findOne({ age: 30 }))?.name).toBe('e') // lowest id first
    expect(await repo.findOne({ name: 'z' })).toBeNull()
    expect(await repo.findAll()).toHaveLength(5)
  })

  it('paginates by offset and by keyset with the core result shapes', async () => {
    const repo = people()
    await repo.bulkCreate(Array.from({ length: 7 }, (_, i) => ({ email: `${i}@x.io`, name: `p${i % 3}` })))
    const page = await repo.paginate({ page: 2, limit: 3, orderBy: { column: 'name' } })
    expect(page.pagination).toMatchObject({ page: 2, limit: 3, total: 7, totalPages: 3, hasNext: true, hasPrev: true })
    expect(page.data.map((p) => p.name)).toEqual(['p1', 'p1', 'p2'])

    const seen: string[] = []
    let cursor: string | undefined
    do {
      const result = await repo.paginateCursor({ orderBy: [{ column: 'name', direction: 'desc' }], limit: 2, ...(cursor ? { cursor } : {}) })
      seen.push(...result.data.map((p) => p.email))
      cursor = result.pagination.nextCursor
    } while (cursor !== undefined)
    // Names repeat; the primary key appended as tie-breaker makes the walk exact.
    const all = await repo.find({ orderBy: [{ column: 'name', direction: 'desc' }, { column: 'id', direction: 'desc' }] })
    expect(seen).toEqual(all.map((p) => p.email))
  })

  it('surfaces driver errors as typed errors', async () => {
    const repo = people()
    await repo.create({ email: 'dup@x.io', name: 'A' })
    const unique = await catchError(() => repo.create({ email: 'dup@x.io', name: 'B' }))
    expect(unique).toBeInstanceOf(UniqueConstraintError)
    expect(unique).toMatchObject({ table: 'people', columns: ['email'] })
    expect(await catchError(() => repo.create({ email: 'neg@x.io', name: 'N', age: -1 }))).toBeInstanceOf(CheckConstraintError)
  })

  it('runs transaction() atomically and withTransaction() on the given transaction', async () => {
    const repo = people()
    await catchError(() =>
      repo.transaction(async (tx) => {
        await tx.create({ email: 'in-tx@x.io', name: 'T' })
        throw new Error('roll back')
      }),
    )
    expect(await repo.count()).toBe(0)
    await db().transaction().execute(async (trx) => {
      await repo.withTransaction(trx).create({ email: 'trx@x.io', name: 'T' })
    })
    expect(await repo.count({ email: 'trx@x.io' })).toBe(1)
  })

  describe('bad input', () => {
    it.each([
      ['a column that does not exist', { nope: 1 }],
      ['an injection-shaped column', { 'name"; drop table people; --': 'x' }],
      ['a qualified column', { 'people.name': 'x' }],
    ])('refuses %s in create, update and filters with no SQL sent', async (_label, row) => {
      const log = statementLog()
      const repo = createRepository(t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>, { tableName: 'people', columns: ['id', 'email', 'name', 'age', 'bio'] })
      for (const call of [
        () => repo.create({ email: 'x@x.io', name: 'x', ...row } as never),
        () => repo.update(1, row as never),
        () => repo.find({ where: row as never }),
        () => repo.count(row as never),
        () => repo.find({ orderBy: { column: Object.keys(row)[0] as never } }),
      ]) {
        const error = await catchError(call)
        expect(error).toBeInstanceOf(BadRequestError)
        expect(error).toMatchObject({ code: 'UNKNOWN_COLUMN' })
      }
      expect(log.sql).toEqual([])
    })

    it.each([[null], [''], [Number.NaN], [{ id: 1 }], [[1]], [true]])('refuses the id %j', async (id) => {
      const error = await catchError(() => people().findById(id as never))
      expect(error).toMatchObject({ code: 'INVALID_ID' })
      expect(error).toBeInstanceOf(BadRequestError)
    })

    it('refuses an unknown table and a broken configuration', async () => {
      const missing = createRepository(db(), { tableName: 'no_such_table' as never })
      expect(await catchError(() => missing.findAll())).toMatchObject({ code: 'UNKNOWN_TABLE' })
      expect(await catchError(() => missing.findById(1))).toMatchObject({ code: 'UNKNOWN_TABLE' })
      expect(() => createRepository(db(), { tableName: '' as never })).toThrow('Invalid tableName')
      expect(() => createRepository(db(), { tableName: 'people', mapRow: 'x' as never })).toThrow('Invalid mapRow')
      expect(() => createRepository(db(), { tableName: 'people', schemas: { create: {} as never } })).toThrow('Invalid schemas.create')
    })
  })
})
