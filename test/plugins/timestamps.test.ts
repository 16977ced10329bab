import { beforeAll, beforeEach, expect, it } from 'vitest'
import { BadRequestError, createORM, NotFoundError, type Repository } from 'kysera'
import { timestampsPlugin, type TimestampsMethods, type TimestampsOptions } from 'kysera/plugins/timestamps'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../setup/dialects.js'
import { must } from '../setup/must.js'
import { createPluginTables, emptyPluginTables } from './fixtures.js'

type User = { id: number; email: string; name: string | null; created_at: unknown; updated_at: unknown }
type Users = Repository<AnyDB, 'users', User, Partial<User>, Partial<User>> & TimestampsMethods<User, Partial<User>, Partial<User>>

/** A stored timestamp as epoch milliseconds, whatever the driver returned (Date or text). */
const ms = (value: unknown): number => (value instanceof Date ? value.getTime() : new Date(String(value).replace(' ', 'T') + (String(value).includes('T') || String(value).endsWith('Z') ? '' : 'Z')).getTime())

describeEachDialect('timestampsPlugin', (t) => {
  const db = (): Kysely<AnyDB> => t.db
  const users = (options: TimestampsOptions = {}): Users =>
    createORM(db(), [timestampsPlugin(options)]).createRepository({
      tableName: 'users',
      schemas: { create: z.object({ email: z.string(), name: z.string().optional() }) }, // timestamps not declared
    }) as unknown as Users

  beforeAll(() => createPluginTables(t.db))
  beforeEach(() => emptyPluginTables(t.db))

  it('sets created_at on create and bulkCreate (after validation), updated_at only on update', async () => {
    const repo = users()
    const before = Date.now() - 1000
    const one = await repo.create({ email: 'a@x.io' })
    expect(ms(one.created_at)).toBeGreaterThanOrEqual(before)
    expect(one.updated_at).toBeNull()
    const many = await repo.bulkCreate([{ email: 'b@x.io' }, { email: 'c@x.io' }])
    expect(many[0]?.created_at).toEqual(many[1]?.created_at) // one time for the whole call
    const updated = await repo.update(one.id, { name: 'A' })
    expect(ms(updated.updated_at)).toBeGreaterThanOrEqual(ms(one.created_at))
    expect(updated.created_at).toEqual(one.created_at)
    const bulk = await repo.bulkUpdate(many.map((u) => ({ id: u.id, data: { name: 'bulk' } })))
    expect(bulk.every((u) => u.updated_at !== null)).toBe(true)
  })

  it('lets values the caller passes win, and sets updated_at on insert when asked', async () => {
    const raw = createORM(db(), [timestampsPlugin({ setUpdatedAtOnInsert: true })]).createRepository({ tableName: 'users' }) as unknown as Users
    const fixed = t.dialect === 'mysql' ? '2020-01-02 03:04:05.000' : '2020-01-02T03:04:05.000Z'
    const row = await raw.create({ email: 'fixed@x.io', created_at: fixed })
    expect(ms(row.created_at)).toBe(Date.UTC(2020, 0, 2, 3, 4, 5))
    expect(row.updated_at).not.toBeNull()
  })

  it('upsert sets created_at when it inserts and only updated_at when it updates', async () => {
    const repo = users()
    const inserted = await repo.upsert({ email: 'u@x.io', name: 'first' }, { conflictColumns: ['email'] })
    expect(inserted.created_at).not.toBeNull()
    expect(inserted.updated_at).toBeNull()
    const updated = await repo.upsert({ email: 'u@x.io', name: 'second' }, { conflictColumns: ['email'] })
    expect(updated.created_at).toEqual(inserted.created_at)
    expect(updated.updated_at).not.toBeNull()
  })

  it('writes each dateFormat so the database stores the same moment', async () => {
    const at = new Date('2024-05-06T07:08:09.123Z')
    for (const dateFormat of ['iso', 'date'] as const) {
      await emptyPluginTables(db())
      const clock = createORM(db(), [timestampsPlugin({ dateFormat, getTimestamp: undefined })]).createRepository({ tableName: 'users' }) as unknown as Users
      const row = await clock.create({ email: `${dateFormat}@x.io` })
      expect(Math.abs(ms(row.created_at) - Date.now())).toBeLessThan(60_000)
    }
    await db().schema.createTable('events').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('created_at', 'bigint').execute()
    const events = createORM(db(), [timestampsPlugin({ dateFormat: 'unix' })]).createRepository({ tableName: 'events' })
    const event = await events.create({ id: 1 })
    expect(Math.abs(Number(event.created_at) - Math.floor(Date.now() / 1000))).toBeLessThan(60)
    const custom = createORM(db(), [timestampsPlugin({ getTimestamp: () => (t.dialect === 'mysql' ? at.toISOString().replace('T', ' ').replace('Z', '') : at.toISOString()) })]).createRepository({ tableName: 'users' }) as unknown as Users
    expect(ms((await custom.create({ email: 'clock@x.io' })).created_at)).toBe(at.getTime())
  })

  it('finds by creation and update time, newest first, and touches rows', async () => {
    const clock = { now: new Date('2024-01-01T00:00:00.000Z') }
    const iso = () => (t.dialect === 'mysql' ? clock.now.toISOString().replace('T', ' ').replace('Z', '') : clock.now.toISOString())
    const repo = createORM(db(), [timestampsPlugin({ getTimestamp: iso })]).createRepository({ tableName: 'users' }) as unknown as Users
    const made: User[] = []
    for (const day of [1, 2, 3]) {
      clock.now = new Date(Date.UTC(2024, 0, day))
      made.push(await repo.create({ email: `d${day}@x.io` }))
    }
    expect((await repo.findCreatedAfter(new Date(Date.UTC(2024, 0, 1)))).map((u) => u.email)).toEqual(['d2@x.io', 'd3@x.io'])
    expect((await repo.findCreatedBefore('2024-01-02T00:00:00.000Z')).map((u) => u.email)).toEqual(['d1@x.io'])
    expect((await repo.findCreatedBetween(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2))).map((u) => u.email)).toEqual(['d1@x.io', 'd2@x.io'])
    expect((await repo.findRecentlyCreated(2)).map((u) => u.email)).toEqual(['d3@x.io', 'd2@x.io'])
    clock.now = new Date(Date.UTC(2024, 1, 1))
    const touched = await repo.touch(must(made[0]).id)
    expect(ms(touched.updated_at)).toBe(Date.UTC(2024, 1, 1))
    expect((await repo.findUpdatedAfter(Date.UTC(2024, 0, 15))).map((u) => u.email)).toEqual(['d1@x.io'])
    expect((await repo.findRecentlyUpdated()).map((u) => u.email)[0]).toBe('d1@x.io')
    expect(await catchError(() => repo.touch(999_999))).toBeInstanceOf(NotFoundError)
    expect(await catchError(() => repo.findCreatedAfter('not a date'))).toMatchObject({ code: 'INVALID_INPUT' })
  })

  it('createWithoutTimestamps and updateWithoutTimestamp leave the columns alone', async () => {
    const repo = users()
    const plain = await repo.createWithoutTimestamps({ email: 'plain@x.io' })
    expect(plain.created_at).toBeNull()
    const same = await repo.updateWithoutTimestamp(plain.id, { name: 'n' })
    expect(same).toMatchObject({ name: 'n', updated_at: null })
  })

  it('honours tables and excludeTables, and skips tables without the columns', async () => {
    for (const options of [{ tables: ['posts'] }, { excludeTables: ['users'] }]) {
      const row = await users(options).create({ email: `${Math.random()}@x.io` })
      expect(row.created_at).toBeNull()
    }
    const tags = createORM(db(), [timestampsPlugin()]).createRepository({ tableName: 'tags' })
    expect(await tags.create({ label: 'no timestamp columns' })).toMatchObject({ label: 'no timestamp columns' })
  })

  it('rejects malformed options', () => {
    expect(() => timestampsPlugin({ dateFormat: 'epoch' as never })).toThrow(BadRequestError)
    expect(() => timestampsPlugin({ createdAtColumn: '' })).toThrow('Invalid createdAtColumn')
    expect(() => timestampsPlugin({ getTimestamp: 'now' as never })).toThrow('Invalid getTimestamp')
    expect(() => timestampsPlugin({ excludeTables: [1] as never })).toThrow('Invalid excludeTables')
  })
})
