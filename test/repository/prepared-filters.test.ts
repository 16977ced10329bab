import fc from 'fast-check'
import { beforeAll, expect, it } from 'vitest'
import type { CompiledQuery, Kysely, KyselyPlugin } from 'kysely'
import { BadRequestError, createRepository } from 'kysera'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect } from '../setup/dialects.js'
import { createPeopleAndTags, type TestDB } from './fixtures.js'

// find, findOne, count and exists keep one compiled statement per filter shape (columns, operators,
// null or value, list lengths) and send it with each call's values.

/** A Kysely plugin that changes nothing: a repository on an executor with it builds every query anew. */
const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: (args) => Promise.resolve(args.result) }

const age = fc.integer({ min: 1, max: 6 })
const text = fc.constantFrom('a', 'b', '%', '_', 'a_', 'x%y', '')
const ageCondition = fc.oneof(
  fc.constant(null),
  age,
  fc.array(age, { maxLength: 3 }),
  fc.record(
    { $eq: fc.option(age, { nil: null }), $ne: fc.option(age, { nil: null }), $gt: age, $lte: age, $in: fc.array(age, { maxLength: 3 }), $nin: fc.array(age, { maxLength: 2 }), $isNull: fc.boolean(), $between: fc.tuple(age, age) },
    { requiredKeys: [] },
  ),
)
const nameCondition = fc.oneof(text, fc.record({ $contains: text, $startsWith: text, $endsWith: text, $like: text }, { requiredKeys: [] }))
const flat = fc.record({ age: ageCondition, name: nameCondition, bio: fc.constantFrom(null, 'bio a', { $isNull: false }) }, { requiredKeys: [] })
const filter = fc.oneof(flat, fc.record({ $or: fc.array(flat, { maxLength: 2 }), age: fc.option(age, { nil: undefined }) }, { requiredKeys: ['$or'] }))

describeEachDialect('repository filters compiled once', (t) => {
  const db = (): Kysely<TestDB> => t.db as Kysely<TestDB>

  beforeAll(async () => {
    await createPeopleAndTags(t.db)
    const names = ['a', 'b', 'ab', 'a_b', 'a%b', 'x%y', 'xy', 'b_', '%a', '']
    await createRepository(db(), { tableName: 'people' }).bulkCreate(
      Array.from({ length: 40 }, (_, i) => ({ email: `p${i}@x.io`, name: names[i % names.length] as string, age: i % 7 === 0 ? null : (i % 6) + 1, bio: i % 3 === 0 ? null : `bio ${'ab'[i % 2]}` })),
    )
  })

  it('answers every generated filter exactly as a repository that builds each query anew', async () => {
    const kept = createRepository(db(), { tableName: 'people' })
    const built = createRepository(db().withPlugin(passThrough), { tableName: 'people' })
    await fc.assert(
      fc.asyncProperty(filter, async (where) => {
        const ids = (rows: { id: number }[]) => rows.map((r) => r.id)
        expect(ids(await kept.find({ where, orderBy: { column: 'id' } }))).toEqual(ids(await built.find({ where, orderBy: { column: 'id' } })))
        expect(await kept.count(where)).toBe(await built.count(where))
        expect(await kept.exists(where)).toBe(await built.exists(where))
        expect((await kept.findOne(where))?.id).toBe((await built.findOne(where))?.id)
      }),
      { numRuns: 150, seed: 20261202 },
    )
  })

  it('sends one statement per filter shape with each call’s values, and another for another shape', async () => {
    const sent: CompiledQuery[] = []
    const repo = createRepository(t.connect({ onQuery: (q) => sent.push(q as CompiledQuery) }) as Kysely<TestDB>, { tableName: 'people' })
    expect(await repo.count({ age: 2 })).toBe(await repo.count({ age: { $eq: 2 } }))
    sent.length = 0
    const two = await repo.find({ where: { age: 2 }, limit: 3 })
    const three = await repo.find({ where: { age: 3 }, limit: 5 })
    expect(two.every((p) => p.age === 2) && three.every((p) => p.age === 3)).toBe(true)
    expect([two.length, three.length]).toEqual([3, 5])
    expect(sent[1]?.query).toBe(sent[0]?.query)
    expect(sent[1]?.parameters).toEqual([3, 5])
    const nulls = await repo.find({ where: { age: null } })
    expect(nulls.length).toBeGreaterThan(0)
    expect(nulls.every((p) => p.age === null)).toBe(true)
    expect(sent[2]?.sql).not.toBe(sent[0]?.sql)
  })

  it('checks a filter on a kept shape before any SQL, as on the first call', async () => {
    const sent: CompiledQuery[] = []
    const repo = createRepository(t.connect({ onQuery: (q) => sent.push(q as CompiledQuery) }) as Kysely<TestDB>, { tableName: 'people' })
    await repo.find({ where: { age: { $gt: 1 } } })
    await repo.count({ name: { $contains: 'a' } })
    sent.length = 0
    const bad = [
      () => repo.find({ where: { age: { $gt: {} as never } } }),
      () => repo.find({ where: { 'age; drop table people': 1 } as never }),
      () => repo.count({ name: { $contains: 5 as never } }),
      () => repo.exists({ age: { $regex: 'x' } as never }),
      () => repo.findOne({ $or: 'nope' } as never),
    ]
    for (const call of bad) expect(await catchError(call)).toBeInstanceOf(BadRequestError)
    expect(sent).toEqual([])
  })
})
