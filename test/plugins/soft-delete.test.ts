import { beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BadRequestError, createORM, NotFoundError, type Repository } from 'kysera'
import { softDeletePlugin, type SoftDeleteMethods } from 'kysera/plugins/soft-delete'
import { sql, type Kysely } from 'kysely'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../setup/dialects.js'
import { must } from '../setup/must.js'
import { createPluginTables, emptyPluginTables } from './fixtures.js'

type User = { id: number; email: string; name: string | null; deleted_at: unknown }
type Users = Repository<AnyDB, 'users', User, Partial<User>, Partial<User>> & SoftDeleteMethods<User>

describeEachDialect('softDeletePlugin', (t) => {
  const db = (): Kysely<AnyDB> => t.db
  const usersRepo = (plugin = softDeletePlugin()): Users => createORM(db(), [plugin]).createRepository({ tableName: 'users' }) as unknown as Users
  const rawUser = (id: number) => db().selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()

  beforeAll(() => createPluginTables(t.db))
  beforeEach(() => emptyPluginTables(t.db))

  async function seed(users: Users): Promise<[User, User, User]> {
    const [a, b, c] = await users.bulkCreate(['a', 'b', 'c'].map((n) => ({ email: `${n}@x.io`, name: n })))
    return [must(a), must(b), must(c)]
  }

  it('hides soft-deleted rows from every repository read', async () => {
    const users = usersRepo()
    const [a, b, c] = await seed(users)
    expect(await users.delete(b.id)).toBe(true)
    expect(await rawUser(b.id)).toMatchObject({ email: 'b@x.io' }) // still in the table
    expect((await rawUser(b.id))?.deleted_at).not.toBeNull()
    expect(await users.findById(b.id)).toBeNull()
    expect((await users.findByIds([a.id, b.id, c.id])).map((u) => u.email)).toEqual(['a@x.io', 'c@x.io'])
    expect((await users.findAll()).map((u) => u.email)).toEqual(['a@x.io', 'c@x.io'])
    expect(await users.count()).toBe(2)
    expect(await users.exists({ email: 'b@x.io' })).toBe(false)
    expect(await users.findOne({ email: 'b@x.io' })).toBeNull()
    expect((await users.paginate({ limit: 10 })).pagination.total).toBe(2)
    expect((await users.paginateCursor({ orderBy: [{ column: 'email' }], limit: 10 })).data.map((u) => u.email)).toEqual(['a@x.io', 'c@x.io'])
    expect(await users.delete(b.id)).toBe(false) // already deleted
  })

  it('bulkDelete soft-deletes every id, or none when one does not exist', async () => {
    const users = usersRepo()
    const [a, b] = await seed(users)
    expect(await catchError(() => users.bulkDelete([a.id, 999_999]))).toBeInstanceOf(NotFoundError)
    expect(await users.count()).toBe(3)
    expect(await users.bulkDelete([a.id, b.id])).toBe(2)
    expect((await users.findAll()).map((u) => u.email)).toEqual(['c@x.io'])
    expect(await db().selectFrom('users').selectAll().execute()).toHaveLength(3) // still all in the table
  })

  it('keeps the first timestamp when a row is soft-deleted twice', async () => {
    const users = usersRepo()
    const [a] = await seed(users)
    await users.softDelete(a.id)
    const first = (await rawUser(a.id))?.deleted_at
    await new Promise((resolve) => setTimeout(resolve, 20))
    await users.softDelete(a.id)
    await users.softDeleteMany([a.id])
    expect((await rawUser(a.id))?.deleted_at).toEqual(first)
  })

  it('restores deleted rows, refuses live ones and unknown ids, changing nothing', async () => {
    const users = usersRepo()
    const [a, b] = await seed(users)
    await users.softDeleteMany([a.id, b.id])
    expect(await users.restore(a.id)).toMatchObject({ id: a.id, deleted_at: null })
    expect(await users.findById(a.id)).not.toBeNull()
    const live = await catchError(() => users.restoreMany([a.id, b.id]))
    expect(live).toBeInstanceOf(BadRequestError)
    expect(live).toMatchObject({ code: 'NOT_DELETED' })
    expect(await users.findById(b.id)).toBeNull() // b stayed deleted
    expect(await catchError(() => users.restore(999_999))).toBeInstanceOf(NotFoundError)
    expect(await catchError(() => users.softDeleteMany([b.id, 999_999]))).toBeInstanceOf(NotFoundError)
    expect(await catchError(() => users.softDelete(999_999))).toBeInstanceOf(NotFoundError)
  })

  it('finds deleted rows on request and hard-deletes for real', async () => {
    const users = usersRepo()
    const [a, b, c] = await seed(users)
    await users.softDelete(b.id)
    expect(await users.findWithDeleted(b.id)).toMatchObject({ email: 'b@x.io' })
    expect((await users.findAllWithDeleted()).map((u) => u.email)).toEqual(['a@x.io', 'b@x.io', 'c@x.io'])
    expect((await users.findDeleted()).map((u) => u.email)).toEqual(['b@x.io'])
    expect(await users.hardDelete(b.id)).toBe(true)
    expect(await rawUser(b.id)).toBeUndefined()
    expect(await catchError(() => users.hardDeleteMany([a.id, 999_999]))).toBeInstanceOf(NotFoundError)
    expect(await rawUser(a.id)).toBeDefined()
    expect(await users.hardDeleteMany([a.id, c.id])).toBe(2)
    expect(await db().selectFrom('users').selectAll().execute()).toEqual([])
  })

  it('leaves tables without the column, excluded tables and unlisted tables alone', async () => {
    const orm = createORM(db(), [softDeletePlugin()])
    const tags = orm.createRepository({ tableName: 'tags' })
    const tag = await tags.create({ label: 'x' })
    expect(await tags.delete(tag.id)).toBe(true)
    expect(await db().selectFrom('tags').selectAll().execute()).toEqual([]) // really deleted

    for (const plugin of [softDeletePlugin({ excludeTables: ['users'] }), softDeletePlugin({ tables: ['posts'] })]) {
      const users = usersRepo(plugin)
      const u = await users.create({ email: `${Math.random()}@x.io` })
      await users.delete(u.id)
      expect(await rawUser(u.id)).toBeUndefined()
    }
  })

  it('uses a custom column name', async () => {
    await db().schema.createTable('notes').addColumn('id', 'integer', (c) => c.primaryKey()).addColumn('removed_at', 'varchar(40)').execute()
    const notes = createORM(db(), [softDeletePlugin({ deletedAtColumn: 'removed_at' })]).createRepository({ tableName: 'notes' }) as unknown as Users
    await notes.bulkCreate([{ id: 1 }, { id: 2 }] as never)
    await notes.delete(1)
    expect((await notes.findAll()).map((n) => n.id)).toEqual([2])
    expect((await notes.findDeleted()).map((n) => n.id)).toEqual([1])
  })

  it('rejects malformed options', () => {
    expect(() => softDeletePlugin({ deletedAtColumn: '' })).toThrow(BadRequestError)
    expect(() => softDeletePlugin({ tables: 'users' as never })).toThrow('Invalid tables')
    expect(() => softDeletePlugin({ includeDeleted: 'yes' as never })).toThrow('Invalid includeDeleted')
  })

  describe('kyselyPlugin on hand-written queries', () => {
    const plugin = softDeletePlugin()
    const q = (): Kysely<AnyDB> => db().withPlugin(plugin.kyselyPlugin)

    beforeEach(async () => {
      await plugin.onInit?.(db())
      const ts = sql`current_timestamp`
      await db().insertInto('users').values([
        { id: 1, email: 'live@x.io', name: 'live' },
        { id: 2, email: 'gone@x.io', name: 'gone', deleted_at: ts },
      ]).execute()
      await db().insertInto('posts').values([
        { id: 10, user_id: 1, title: 'live by live' },
        { id: 11, user_id: 1, title: 'gone by live', deleted_at: ts },
        { id: 12, user_id: 2, title: 'live by gone' },
      ]).execute()
      await db().insertInto('tags').values([{ id: 1, label: 't' }]).execute()
    })

    it('filters FROM, also aliased, with the condition in WHERE', async () => {
      expect((await q().selectFrom('users').select('email').execute()).map((r) => r.email)).toEqual(['live@x.io'])
      const aliased = q().selectFrom('users as u').select('u.email')
      expect((await aliased.execute()).map((r) => r.email)).toEqual(['live@x.io'])
      const expected = {
        postgres: 'select "u"."email" from "users" as "u" where "u"."deleted_at" is null',
        sqlite: 'select "u"."email" from "users" as "u" where "u"."deleted_at" is null',
        mysql: 'select `u`.`email` from `users` as `u` where `u`.`deleted_at` is null',
      }[t.dialect]
      expect(aliased.compile().sql).toBe(expected)
    })

    it('puts the condition of an inner or left join in ON, so a left join keeps its outer row', async () => {
      const inner = await q().selectFrom('users as u').innerJoin('posts as p', 'p.user_id', 'u.id').select(['u.email', 'p.title']).orderBy('p.id').execute()
      expect(inner).toEqual([{ email: 'live@x.io', title: 'live by live' }])
      const left = q().selectFrom('posts as p').leftJoin('users as u', 'u.id', 'p.user_id').select(['p.title', 'u.email']).orderBy('p.id')
      expect(await left.execute()).toEqual([
        { title: 'live by live', email: 'live@x.io' },
        { title: 'live by gone', email: null },
      ])
      expect(left.compile().sql).toMatch(/left join [`"]users[`"] as [`"]u[`"] on [`"]u[`"]\.[`"]id[`"] = [`"]p[`"]\.[`"]user_id[`"] and [`"]u[`"]\.[`"]deleted_at[`"] is null/)
    })

    it('replaces the preserved table of a right join by its live rows', async () => {
      const right = await q().selectFrom('users as u').rightJoin('posts as p', 'p.user_id', 'u.id').select(['p.title', 'u.email']).orderBy('p.id').execute()
      expect(right).toEqual([
        { title: 'live by live', email: 'live@x.io' },
        { title: 'live by gone', email: null },
      ])
    })

    // MariaDB has no FULL JOIN, so the case exists on PostgreSQL and SQLite only.
    if (t.dialect !== 'mysql') {
      it('replaces both tables of a full join by their live rows', async () => {
        const full = q().selectFrom('users as u').fullJoin('posts as p', 'p.user_id', 'u.id').select(['u.email', 'p.title']).orderBy('p.id')
        expect(await full.execute()).toEqual([
          { email: 'live@x.io', title: 'live by live' },
          { email: null, title: 'live by gone' },
        ])
        expect(full.compile().sql).toContain('(select * from')
      })
    }

    it('filters cross joins, subqueries and CTEs, and leaves uncovered tables alone', async () => {
      const cross = await q().selectFrom('users').crossJoin('posts').select(['users.id as u', 'posts.id as p']).orderBy('posts.id').execute()
      expect(cross).toEqual([
        { u: 1, p: 10 },
        { u: 1, p: 12 },
      ])
      const sub = await q()
        .selectFrom('users')
        .select('email')
        .where('id', 'in', q().selectFrom('posts').select('user_id'))
        .execute()
      expect(sub).toEqual([{ email: 'live@x.io' }])
      const cte = await q()
        .with('recent', (qc) => qc.selectFrom('posts').select(['id', 'title']))
        .selectFrom('recent')
        .select('title')
        .orderBy('id')
        .execute()
      expect(cte.map((r) => r.title)).toEqual(['live by live', 'live by gone'])
      expect(await q().selectFrom('tags').selectAll().execute()).toEqual([{ id: 1, label: 't' }])
      expect(q().selectFrom('tags').selectAll().compile().sql).not.toContain('deleted_at')
    })

    it('filters a query nested in the selection, and qualifies each table by its own alias', async () => {
      const counted = await q()
        .selectFrom('users as u')
        .select((eb) => ['u.email', eb.selectFrom('posts as p').whereRef('p.user_id', '=', 'u.id').select(eb.fn.countAll().as('n')).as('posts')])
        .execute()
      expect(counted.map((r) => [r.email, Number(r.posts)])).toEqual([['live@x.io', 1]])
      const where = (query: { compile(): { sql: string } }) => query.compile().sql.replace(/[`"]/g, '').split(' where ')[1]
      expect(where(q().selectFrom('posts as x').select('x.id'))).toBe('x.deleted_at is null')
      expect(where(q().selectFrom('users as x').select('x.id'))).toBe('x.deleted_at is null')
      expect(where(q().selectFrom('users').select('id'))).toBe('users.deleted_at is null')
      expect(where(q().selectFrom('users as u').select('u.id').where('u.id', '=', 1))).toBe('u.id = ? and u.deleted_at is null'.replace('?', t.dialect === 'postgres' ? '$1' : '?'))
    })

    it('refuses to guess the covered tables before onInit', () => {
      const fresh = softDeletePlugin()
      expect(() => db().withPlugin(fresh.kyselyPlugin).selectFrom('users').selectAll().compile()).toThrow('kyselyPlugin does not know the covered tables')
      expect(db().withPlugin(softDeletePlugin({ tables: ['users'] }).kyselyPlugin).selectFrom('users').selectAll().compile().sql).toContain('deleted_at')
    })
  })
})
