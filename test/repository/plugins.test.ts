import { beforeAll, beforeEach, expect, it } from 'vitest'
import {
  BadRequestError,
  createORM,
  createRepositoriesFactory,
  createRepository,
  PluginError,
  withPlugins,
  type Plugin,
  type QueryContext,
} from 'kysera'
import type { Kysely, SelectQueryBuilder } from 'kysely'
import { catchError } from '../setup/catch-error.js'
import { must } from '../setup/must.js'
import { describeEachDialect } from '../setup/dialects.js'
import { createPeopleAndTags, resetPeopleAndTags, type TestDB } from './fixtures.js'

/** Records what every hook saw; `interceptQuery` returns the builder unchanged. */
function spyPlugin(name = 'spy'): Plugin & { seen: { operation: string; table: string; method: unknown; builder: string }[]; inits: number } {
  const plugin = {
    name,
    version: '1.0.0',
    seen: [] as { operation: string; table: string; method: unknown; builder: string }[],
    inits: 0,
    onInit() {
      plugin.inits++
    },
    interceptQuery<QB>(qb: QB, ctx: QueryContext): QB {
      plugin.seen.push({ operation: ctx.operation, table: ctx.table, method: ctx.metadata.method, builder: (qb as object).constructor.name })
      return qb
    },
  }
  return plugin
}

describeEachDialect('repository plugins', (t) => {
  const db = () => t.db as Kysely<TestDB>
  beforeAll(() => createPeopleAndTags(t.db))
  beforeEach(() => resetPeopleAndTags(t.db))

  it('routes every repository method through interceptQuery with its operation and table', async () => {
    const spy = spyPlugin()
    const people = createORM(db(), [spy]).createRepository({ tableName: 'people' })
    const calls: [string, () => Promise<unknown>][] = []
    const a = await people.create({ email: 'a@x.io', name: 'A' })
    const [b] = await people.bulkCreate([{ email: 'b@x.io', name: 'B' }])
    calls.push(
      ['findById', () => people.findById(a.id)],
      ['findByIds', () => people.findByIds([a.id])],
      ['findAll', () => people.findAll()],
      ['find', () => people.find({ where: { name: 'A' } })],
      ['findOne', () => people.findOne({ name: 'A' })],
      ['count', () => people.count()],
      ['exists', () => people.exists({ name: 'A' })],
      ['update', () => people.update(a.id, { name: 'A2' })],
      ['bulkUpdate', () => people.bulkUpdate([{ id: must(b).id, data: { name: 'B2' } }])],
      ['upsert', () => people.upsert({ email: 'a@x.io', name: 'A3' }, { conflictColumns: ['email'] })],
      ['paginate', () => people.paginate({ limit: 1 })],
      ['paginateCursor', () => people.paginateCursor({ orderBy: [{ column: 'name' }], limit: 1 })],
      ['delete', () => people.delete(a.id)],
      ['bulkDelete', () => people.bulkDelete([must(b).id])],
    )
    for (const [, call] of calls) await call()
    const methods = new Set(spy.seen.map((s) => s.method))
    for (const method of ['create', 'bulkCreate', ...calls.map(([m]) => m)]) expect(methods).toContain(method)
    expect(spy.seen.every((s) => s.table === 'people')).toBe(true)
    const operationOf = (method: string): string[] => [...new Set(spy.seen.filter((s) => s.method === method).map((s) => s.operation))].sort()
    expect(operationOf('findById')).toEqual(['select'])
    expect(operationOf('create')).toEqual(t.dialect === 'mysql' ? ['insert', 'select'] : ['insert'])
    expect(operationOf('update')).toEqual(t.dialect === 'mysql' ? ['select', 'update'] : ['update'])
    expect(operationOf('bulkUpdate')).toContain('update')
    expect(operationOf('delete')).toEqual(['delete'])
    // Without RETURNING the deleted-row count shows a missing id; ids are read only on that path.
    expect(operationOf('bulkDelete')).toEqual(['delete'])
    expect(operationOf('upsert')).toContain('insert')
    expect(spy.inits).toBe(1)
  })

  it('lets interceptQuery change what reads return (a tenant filter)', async () => {
    const onlyAda: Plugin = {
      name: 'only-ada',
      version: '1.0.0',
      interceptQuery: (qb, ctx) =>
        ctx.operation === 'select' ? ((qb as unknown as SelectQueryBuilder<TestDB, 'people', object>).where('name', '=', 'Ada') as unknown as typeof qb) : qb,
    }
    const plain = createRepository(db(), { tableName: 'people' })
    await plain.bulkCreate([{ email: 'a@x.io', name: 'Ada' }, { email: 'b@x.io', name: 'Bob' }])
    const filtered = createORM(db(), [onlyAda]).createRepository({ tableName: 'people' })
    expect((await filtered.findAll()).map((p) => p.name)).toEqual(['Ada'])
    expect(await filtered.count()).toBe(1)
    expect((await filtered.paginate()).pagination.total).toBe(1)
  })

  it('runs onInit once per ORM, before the first query, even with many repositories', async () => {
    const order: string[] = []
    const plugin: Plugin = {
      name: 'init',
      version: '1.0.0',
      onInit: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20))
        order.push('init')
      },
      interceptQuery: (qb) => (order.push('query'), qb),
    }
    const orm = createORM(db(), [plugin])
    const people = orm.createRepository({ tableName: 'people' })
    const tags = orm.createRepository({ tableName: 'tags' })
    await Promise.all([people.count(), tags.count(), people.findAll()])
    await orm.transaction((tx) => tx.createRepository({ tableName: 'people' }).count())
    expect(order.filter((o) => o === 'init')).toHaveLength(1)
    expect(order[0]).toBe('init')
  })

  it('applies extendRepository in plugin order, also to repositories bound to a transaction', async () => {
    const add = (name: string): Plugin => ({
      name,
      version: '1.0.0',
      extendRepository: <R extends object>(repo: R): R => ({ ...repo, trail: [...((repo as { trail?: string[] }).trail ?? []), name] }),
    })
    const repo = createORM(db(), [add('first'), add('second')]).createRepository({ tableName: 'people' }) as unknown as { trail: string[]; transaction: (fn: (r: { trail: string[] }) => Promise<string[]>) => Promise<string[]> }
    expect(repo.trail).toEqual(['first', 'second'])
    expect(await repo.transaction(async (tx) => tx.trail)).toEqual(['first', 'second'])
  })

  it('names the plugin that threw, and passes Kysera errors through unchanged', async () => {
    const broken: Plugin = { name: 'broken', version: '1.0.0', interceptQuery: () => { throw new TypeError('boom') } }
    const error = await catchError(() => createORM(db(), [broken]).createRepository({ tableName: 'people' }).findAll())
    expect(error).toBeInstanceOf(PluginError)
    expect(error).toMatchObject({ plugin: 'broken', hook: 'interceptQuery', code: 'PLUGIN_ERROR' })
    expect((error as Error).message).toBe('[kysera:plugin] Plugin "broken" failed in interceptQuery: boom')

    const failingInit: Plugin = { name: 'init-fails', version: '1.0.0', onInit: () => Promise.reject(new Error('no audit table')) }
    const uninitialized = createORM(db(), [failingInit]).createRepository({ tableName: 'people' })
    expect(await catchError(() => uninitialized.count())).toMatchObject({ plugin: 'init-fails', hook: 'onInit' })
    // A failed onInit keeps failing: no later call runs as if the plugins were ready.
    expect(await catchError(() => uninitialized.findById(1))).toMatchObject({ plugin: 'init-fails', hook: 'onInit' })

    const refusing: Plugin = { name: 'refusing', version: '1.0.0', interceptQuery: () => { throw new BadRequestError('[kysera:test] refused') } }
    const refused = await catchError(() => createORM(db(), [refusing]).createRepository({ tableName: 'people' }).findAll())
    expect(refused).toBeInstanceOf(BadRequestError)
    expect(refused).not.toBeInstanceOf(PluginError)
  })

  it('lets afterQuery replace results and onError observe typed errors', async () => {
    const errors: unknown[] = []
    const plugin: Plugin = {
      name: 'observe',
      version: '1.0.0',
      afterQuery: (ctx, result) => {
        if (ctx.metadata.method === 'count') return { count: 42 }
        // A lookup's result is its row (as Kysely's executeTakeFirst gives it), also when its statement is kept.
        if (ctx.metadata.method === 'findById') return { ...(result as object), name: 'replaced' }
        return result
      },
      onError: (_ctx, error) => errors.push(error),
    }
    const people = createORM(db(), [plugin]).createRepository({ tableName: 'people' })
    expect(await people.count()).toBe(42)
    const x = await people.create({ email: 'x@x.io', name: 'X' })
    expect(await people.findById(x.id)).toEqual({ ...x, name: 'replaced' })
    expect(await people.findById(x.id)).toEqual({ ...x, name: 'replaced' })
    await catchError(() => people.create({ email: 'x@x.io', name: 'Y' }))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'UNIQUE_VIOLATION' })
  })

  it('orm.transaction binds every repository to one transaction with the same plugins', async () => {
    const spy = spyPlugin()
    const orm = createORM(db(), [spy])
    await catchError(() =>
      orm.transaction(async (tx) => {
        await tx.createRepository({ tableName: 'people' }).create({ email: 't@x.io', name: 'T' })
        throw new Error('undo')
      }),
    )
    expect(await createRepository(db(), { tableName: 'people' }).count()).toBe(0)
    expect(spy.seen.some((s) => s.method === 'create')).toBe(true)
  })

  it('hand-written repositories get applyPlugins; createRepositoriesFactory and withPlugins build them per executor', async () => {
    const spy = spyPlugin()
    const custom = withPlugins(
      (ex, applyPlugins) => ({
        names: async () => (await applyPlugins((ex as Kysely<TestDB>).selectFrom('people').select('name'), 'select', 'people', { method: 'names' }).execute()).map((r) => r.name),
      }),
      db(),
      [spy],
    )
    await createRepository(db(), { tableName: 'people' }).create({ email: 'h@x.io', name: 'H' })
    expect(await custom.names()).toEqual(['H'])
    expect(spy.seen).toEqual([{ operation: 'select', table: 'people', method: 'names', builder: 'SelectQueryBuilderImpl' }])

    const repositories = createRepositoriesFactory({
      people: (ex) => createRepository(ex as Kysely<TestDB>, { tableName: 'people' }),
      tags: (ex) => createRepository(ex as Kysely<TestDB>, { tableName: 'tags' }),
    })
    await db().transaction().execute(async (trx) => {
      const { people, tags } = repositories(trx)
      expect(people.executor).toBe(trx)
      expect(tags.executor).toBe(trx)
      await people.create({ email: 'f@x.io', name: 'F' })
    })
    expect(await createRepository(db(), { tableName: 'people' }).count()).toBe(2)
  })

  it('refuses malformed plugin lists', () => {
    expect(() => createORM(db(), 'soft-delete' as never)).toThrow(BadRequestError)
    expect(() => createORM(db(), [{ version: '1' } as never])).toThrow('Invalid plugins.0')
    expect(() => createORM(db(), [spyPlugin('a'), spyPlugin('a')])).toThrow('listed twice')
  })
})
