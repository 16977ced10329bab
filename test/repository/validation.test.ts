import * as v from 'valibot'
import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BadRequestError, createRepository, ValidationError } from 'kysera'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect } from '../setup/dialects.js'
import { createPeopleAndTags, resetPeopleAndTags, type TestDB } from './fixtures.js'

const zodCreate = z.object({ email: z.email(), name: z.string().min(2), age: z.number().int().positive().optional() })
const valibotCreate = v.object({ email: v.pipe(v.string(), v.email()), name: v.pipe(v.string(), v.minLength(2)), age: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))) })
const valibotUpdate = v.partial(valibotCreate)
/** An entity schema that real rows never satisfy, so a check that ran is visible. */
const strictEntity = z.object({ id: z.number(), email: z.string().endsWith('@never.io') })

const ENV_KEYS = ['KYSERA_VALIDATION_MODE', 'KYSERA_VALIDATE', 'VALIDATE_DB_RESULTS', 'NODE_ENV'] as const

describeEachDialect('repository validation', (t) => {
  const db = () => t.db as Kysely<TestDB>
  beforeAll(() => createPeopleAndTags(t.db))
  beforeEach(() => resetPeopleAndTags(t.db))

  for (const [vendor, schemas] of [
    ['zod 4', { create: zodCreate }],
    ['valibot', { create: valibotCreate, update: valibotUpdate }],
  ] as const) {
    describe(vendor, () => {
      it('validates create input, reports every issue, and writes nothing', async () => {
        const repo = createRepository(db(), { tableName: 'people', schemas })
        const error = await catchError(() => repo.create({ email: 'not-an-email', name: 'x', age: -1 }))
        expect(error).toBeInstanceOf(ValidationError)
        expect((error as ValidationError).issues.map((i) => i.path).sort()).toEqual(['age', 'email', 'name'])
        expect(await repo.count()).toBe(0)
      })

      it('validates update input (a partial of the create schema) and leaves the row unchanged on failure', async () => {
        const repo = createRepository(db(), { tableName: 'people', schemas })
        const ada = await repo.create({ email: 'ada@x.io', name: 'Ada' })
        expect(await repo.update(ada.id, { name: 'Ada L.' })).toMatchObject({ name: 'Ada L.' })
        const error = await catchError(() => repo.update(ada.id, { name: 'A' }))
        expect(error).toBeInstanceOf(ValidationError)
        expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['name'])
        expect(await repo.findById(ada.id)).toMatchObject({ name: 'Ada L.' })
      })

      it('validates upsert and bulkUpdate input', async () => {
        const repo = createRepository(db(), { tableName: 'people', schemas })
        expect(await catchError(() => repo.upsert({ email: 'bad', name: 'Ok' }, { conflictColumns: ['email'] }))).toBeInstanceOf(ValidationError)
        const ada = await repo.create({ email: 'ada@x.io', name: 'Ada' })
        const error = await catchError(() => repo.bulkUpdate([{ id: ada.id, data: { name: 'Ok' } }, { id: ada.id + 1, data: { age: 0 } }]))
        expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['1.age'])
        expect(await repo.findById(ada.id)).toMatchObject({ name: 'Ada' })
      })
    })
  }

  describe('result validation', () => {
    beforeEach(() => {
      const saved = { ...process.env }
      for (const key of ENV_KEYS) Reflect.deleteProperty(process.env, key)
      return () => {
        for (const key of ENV_KEYS) {
          if (saved[key] === undefined) Reflect.deleteProperty(process.env, key)
          else process.env[key] = saved[key]
        }
      }
    })

    /** Whether a repository created under the current environment checks rows against the entity schema. */
    async function validatesResults(option?: boolean | 'always' | 'never' | 'development' | 'production'): Promise<boolean> {
      await db().insertInto('people').values({ email: `${Math.random()}@x.io`, name: 'Row' }).execute()
      const repo = createRepository(db(), { tableName: 'people', schemas: { entity: strictEntity }, ...(option === undefined ? {} : { validateDbResults: option }) })
      const error = await catchError(() => repo.findAll()).catch(() => undefined)
      if (error === undefined) return false
      expect(error).toBeInstanceOf(ValidationError)
      expect(error).toMatchObject({ code: 'INVALID_DB_RESULT' })
      return true
    }

    it.each([
      [{ KYSERA_VALIDATION_MODE: 'always' }, true],
      [{ KYSERA_VALIDATION_MODE: 'never', NODE_ENV: 'development' }, false],
      [{ KYSERA_VALIDATION_MODE: 'development' }, true],
      [{ KYSERA_VALIDATION_MODE: 'production', NODE_ENV: 'development' }, false],
      [{ KYSERA_VALIDATE: 'always' }, true],
      [{ KYSERA_VALIDATE: 'false', NODE_ENV: 'development' }, false],
      [{ VALIDATE_DB_RESULTS: 'true' }, true],
      [{ NODE_ENV: 'development' }, true],
      [{ NODE_ENV: 'production' }, false],
      [{}, false],
    ])('with %j validates results: %s', async (env, expected) => {
      Object.assign(process.env, env)
      expect(await validatesResults()).toBe(expected)
    })

    it('lets validateDbResults override the environment', async () => {
      process.env.KYSERA_VALIDATION_MODE = 'never'
      expect(await validatesResults(true)).toBe(true)
      expect(await validatesResults('always')).toBe(true)
      process.env.KYSERA_VALIDATION_MODE = 'always'
      expect(await validatesResults(false)).toBe(false)
      expect(await validatesResults('production')).toBe(false)
    })

    it('refuses an unknown mode when the repository is created', () => {
      process.env.KYSERA_VALIDATION_MODE = 'sometimes'
      expect(() => createRepository(db(), { tableName: 'people' })).toThrow(BadRequestError)
      expect(() => createRepository(db(), { tableName: 'people' })).toThrow('Invalid KYSERA_VALIDATION_MODE')
    })
  })

  it('needs an explicit update schema when the create schema cannot derive one', () => {
    expect(() => createRepository(db(), { tableName: 'people', schemas: { create: valibotCreate } })).toThrow('Invalid schemas.update')
  })

  it('maps rows with mapRow after validation', async () => {
    const repo = createRepository(db(), { tableName: 'people', mapRow: (row) => ({ id: row.id, label: `${row.name} <${row.email}>` }) })
    const created = await repo.create({ email: 'm@x.io', name: 'M' })
    expect(created).toEqual({ id: created.id, label: 'M <m@x.io>' })
    expect(await repo.findAll()).toEqual([created])
  })
})
