import { beforeAll, expect, it } from 'vitest'
import { BadRequestError, createRepository, type Where } from 'kysera'
import type { Kysely, Selectable } from 'kysely'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect } from '../setup/dialects.js'
import { createPeopleAndTags, statementLog, type PeopleTable, type TestDB } from './fixtures.js'

type Person = Selectable<PeopleTable>

describeEachDialect('repository where filters', (t) => {
  const names = ['100%', 'a_b', 'back\\slash', 'plain', 'Plain two', "o'hara"]
  const people = () => createRepository(t.db as Kysely<TestDB>, { tableName: 'people' })
  const namesOf = async (where: Where<Person>): Promise<string[]> =>
    (await people().find({ where, orderBy: { column: 'id' } })).map((p) => p.name)

  beforeAll(async () => {
    await createPeopleAndTags(t.db)
    await people().bulkCreate(names.map((name, i) => ({ email: `${i}@x.io`, name, age: i % 2 === 0 ? 20 + i : null })))
  })

  it('treats values as equality, null as IS NULL and arrays as IN', async () => {
    expect(await namesOf({ name: 'plain' })).toEqual(['plain'])
    expect(await namesOf({ age: null })).toEqual(['a_b', 'plain', "o'hara"])
    expect(await namesOf({ name: ['a_b', 'plain', 'missing'] })).toEqual(['a_b', 'plain'])
  })

  it('matches nothing for an empty IN and everything for an empty NOT IN', async () => {
    expect(await namesOf({ name: [] })).toEqual([])
    expect(await namesOf({ name: { $in: [] } })).toEqual([])
    expect(await namesOf({ name: { $nin: [] } })).toEqual(names)
  })

  it('supports every comparison operator', async () => {
    expect(await namesOf({ age: { $gt: 22 } })).toEqual(['Plain two'])
    expect(await namesOf({ age: { $gte: 22 } })).toEqual(['back\\slash', 'Plain two'])
    expect(await namesOf({ age: { $lt: 22 } })).toEqual(['100%'])
    expect(await namesOf({ age: { $lte: 22 } })).toEqual(['100%', 'back\\slash'])
    expect(await namesOf({ age: { $between: [21, 24] } })).toEqual(['back\\slash', 'Plain two'])
    expect(await namesOf({ age: { $eq: 20 } })).toEqual(['100%'])
    expect(await namesOf({ age: { $ne: 20 } })).toEqual(['back\\slash', 'Plain two'])
    expect(await namesOf({ age: { $eq: null } })).toEqual(['a_b', 'plain', "o'hara"])
    expect(await namesOf({ age: { $ne: null } })).toEqual(['100%', 'back\\slash', 'Plain two'])
    expect(await namesOf({ age: { $isNull: true } })).toEqual(['a_b', 'plain', "o'hara"])
    expect(await namesOf({ age: { $isNull: false } })).toEqual(['100%', 'back\\slash', 'Plain two'])
    expect(await namesOf({ name: { $in: ['plain', '100%'] } })).toEqual(['100%', 'plain'])
    expect(await namesOf({ name: { $nin: ['plain', '100%'] }, age: { $isNull: true } })).toEqual(['a_b', "o'hara"])
  })

  it('escapes %, _ and backslash in the LIKE helpers, so they match themselves', async () => {
    expect(await namesOf({ name: { $contains: '%' } })).toEqual(['100%'])
    expect(await namesOf({ name: { $contains: '_' } })).toEqual(['a_b'])
    expect(await namesOf({ name: { $contains: '\\' } })).toEqual(['back\\slash'])
    expect(await namesOf({ name: { $startsWith: 'back\\' } })).toEqual(['back\\slash'])
    expect(await namesOf({ name: { $endsWith: '0%' } })).toEqual(['100%'])
    expect(await namesOf({ name: { $contains: "'" } })).toEqual(["o'hara"])
    expect(await namesOf({ name: { $contains: "'; drop table people; --" } })).toEqual([])
    expect(await people().count()).toBe(names.length)
  })

  it('passes a $like pattern through as a pattern', async () => {
    expect(await namesOf({ name: { $like: 'pla%' } })).toContain('plain')
    expect(await namesOf({ name: { $like: 'a_b' } })).toEqual(['a_b'])
  })

  it('combines nested $or and $and', async () => {
    expect(
      await namesOf({
        $or: [{ name: 'plain' }, { $and: [{ age: { $gte: 20 } }, { name: { $startsWith: 'back' } }] }],
      }),
    ).toEqual(['back\\slash', 'plain'])
    expect(await namesOf({ $or: [] })).toEqual([])
    expect(await namesOf({ $and: [] })).toEqual(names)
  })

  it('sends LIKE with an explicit escape character and bound values', async () => {
    const log = statementLog()
    const repo = createRepository(t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>, { tableName: 'people', columns: ['id', 'email', 'name', 'age', 'bio'] })
    await repo.count({ name: { $contains: 'x' } })
    const expected = {
      postgres: `select count(*) as "count" from "people" where "name" like $1 escape '!'`,
      mysql: 'select count(*) as `count` from `people` where `name` like ? escape \'!\'',
      sqlite: `select count(*) as "count" from "people" where "name" like ? escape '!'`,
    }[t.dialect]
    expect(log.sql).toEqual([expected])
  })

  it.each([
    ['UNKNOWN_OPERATOR', { name: { $regex: '.*' } }],
    ['UNKNOWN_OPERATOR', { name: { 'like; drop table people': 'x' } }],
    ['UNKNOWN_COLUMN', { $where: '1=1' }],
    ['UNKNOWN_COLUMN', { 'id = id or 1': 1 }],
    ['INVALID_WHERE', { $or: { name: 'x' } }],
    ['INVALID_WHERE', { name: { $in: 'plain' } }],
    ['INVALID_WHERE', { name: { $between: [1] } }],
    ['INVALID_WHERE', { name: { $contains: 5 } }],
    ['INVALID_WHERE', { age: { $isNull: 'yes' } }],
    ['INVALID_WHERE', { age: Number.NaN }],
    ['INVALID_WHERE', { age: new Map() }],
    ['INVALID_WHERE', { name: [{ nested: 1 }] }],
    ['INVALID_WHERE', 'name = 1'],
  ])('refuses %s for %j before sending SQL', async (code, where) => {
    const log = statementLog()
    const repo = createRepository(t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>, { tableName: 'people', columns: ['id', 'email', 'name', 'age', 'bio'] })
    const error = await catchError(() => repo.find({ where: where as never }))
    expect(error).toBeInstanceOf(BadRequestError)
    expect(error).toMatchObject({ code })
    expect(log.sql).toEqual([])
  })
})
