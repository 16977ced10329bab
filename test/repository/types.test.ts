// Compile-time checks: `npm run typecheck` fails if an inferred type changes; vitest runs the file too.
import { describe, expectTypeOf, it } from 'vitest'
import { createORM, createRepository, type Where } from 'kysera'
import { DummyDriver, Kysely, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Selectable } from 'kysely'
import { z } from 'zod'
import type { PeopleTable, TestDB } from './fixtures.js'

// A Kysely instance that compiles but never connects: these tests only create repositories.
const db = new Kysely<TestDB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (k) => new SqliteIntrospector(k),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
})
type Person = Selectable<PeopleTable>

describe('repository types', () => {
  it('infers entity, create and update types from the Kysely DB type', () => {
    const people = createRepository(db, { tableName: 'people' })
    expectTypeOf(people.findById).returns.resolves.toEqualTypeOf<Person | null>()
    expectTypeOf(people.create).parameter(0).toHaveProperty('email').toEqualTypeOf<string>()
    expectTypeOf(people.create).parameter(0).not.toHaveProperty('unknown_column')
    expectTypeOf(people.update).parameter(1).toHaveProperty('age').toEqualTypeOf<number | null | undefined>()
    expectTypeOf(people.bulkCreate).returns.resolves.toEqualTypeOf<Person[]>()
  })

  it('infers input types from the schemas and the entity from mapRow', () => {
    const CreatePerson = z.object({ email: z.email(), name: z.string(), age: z.number().optional() })
    const people = createORM(db).createRepository({
      tableName: 'people',
      schemas: { create: CreatePerson },
      mapRow: (row) => ({ id: row.id, label: row.name }),
    })
    expectTypeOf(people.create).parameter(0).toEqualTypeOf<{ email: string; name: string; age?: number | undefined }>()
    expectTypeOf(people.update).parameter(1).toEqualTypeOf<Partial<{ email: string; name: string; age?: number | undefined }>>()
    expectTypeOf(people.findAll).returns.resolves.toEqualTypeOf<{ id: number; label: string }[]>()
  })

  it('types where filters on the columns', () => {
    expectTypeOf<{ name: 'Ada'; age: null }>().toMatchTypeOf<Where<Person>>()
    expectTypeOf<{ age: { $gte: 18 }; $or: [{ email: { $endsWith: '@x.io' } }] }>().toMatchTypeOf<Where<Person>>()
    expectTypeOf<{ nope: 1 }>().not.toMatchTypeOf<Where<Person>>()
    expectTypeOf<{ age: { $gte: 'eighteen' } }>().not.toMatchTypeOf<Where<Person>>()
    const people = createRepository(db, { tableName: 'people' })
    expectTypeOf(people.find).parameter(0).exclude<undefined>().toHaveProperty('orderBy')
  })

  it('restricts tableName and primaryKey to the DB type', () => {
    // @ts-expect-error — not a table of TestDB
    createRepository(db, { tableName: 'nope' })
    // @ts-expect-error — not a column of people
    createRepository(db, { tableName: 'people', primaryKey: 'uuid' })
  })
})
