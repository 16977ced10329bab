import { BadRequestError, paginate } from 'kysera/core'
import { beforeAll, expect, it } from 'vitest'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect } from '../../setup/dialects.js'
import { createUsersAndPosts } from '../../setup/schema.js'

describeEachDialect('paginate (offset)', (t) => {
  const sent: string[] = []
  beforeAll(async () => {
    await createUsersAndPosts(t.db)
    for (let i = 1; i <= 5; i++) await t.db.insertInto('users').values({ email: `u${i}@example.com`, org: i % 2 }).execute()
    const users = await t.db.selectFrom('users').select('id').orderBy('id').execute()
    // 41 posts: user k writes k*2+1 posts (3, 5, 7, 9, 11) plus 6 more for the first user.
    const posts = users.flatMap((u, k) => Array.from({ length: k * 2 + 3 + (k === 0 ? 6 : 0) }, (_, j) => ({ user_id: u.id, title: `p${k}-${j}` })))
    await t.db.insertInto('posts').values(posts).execute()
  })
  const logged = () => t.connect({ onQuery: (q) => sent.push(q.sql) })

  it('returns the page and correct totals', async () => {
    const q = t.db.selectFrom('posts').selectAll().orderBy('id')
    const { data, pagination } = await paginate(q, { page: 2, limit: 20 })
    expect(pagination).toEqual({ page: 2, limit: 20, total: 41, totalPages: 3, hasNext: true, hasPrev: true })
    const all = await q.execute()
    expect(data).toEqual(all.slice(20, 40))
  })

  it('reports the last and an empty page', async () => {
    const q = t.db.selectFrom('posts').selectAll().orderBy('id')
    const last = await paginate(q, { page: 3, limit: 20 })
    expect(last.data).toHaveLength(1)
    expect(last.pagination).toMatchObject({ hasNext: false, hasPrev: true, totalPages: 3 })
    const beyond = await paginate(q, { page: 9, limit: 20 })
    expect(beyond.data).toEqual([])
    expect(beyond.pagination).toMatchObject({ total: 41, hasNext: false, hasPrev: true })
  })

  it('counts groups, not rows, for GROUP BY', async () => {
    const q = t.db
      .selectFrom('posts')
      .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('user_id')
      .orderBy('user_id')
    const { data, pagination } = await paginate(q, { page: 1, limit: 2 })
    expect(pagination).toMatchObject({ total: 5, totalPages: 3, hasNext: true })
    expect(data.map((r) => Number(r.n))).toEqual([9, 5])
  })

  it('counts distinct rows for DISTINCT', async () => {
    const q = t.db.selectFrom('users').select('org').distinct().orderBy('org')
    const { data, pagination } = await paginate(q, { limit: 10 })
    expect(pagination.total).toBe(2)
    expect(data).toHaveLength(2)
  })

  it('counts joined rows', async () => {
    const q = t.db
      .selectFrom('posts')
      .innerJoin('users', 'users.id', 'posts.user_id')
      .select(['posts.id', 'users.email'])
      .where('users.org', '=', 1)
      .orderBy('posts.id')
    const { pagination } = await paginate(q, { limit: 10 })
    const expected = await q.execute()
    expect(pagination.total).toBe(expected.length)
    expect(pagination.total).toBe(9 + 7 + 11)
  })

  it('drops ORDER BY from the count query', async () => {
    sent.length = 0
    const db = logged()
    await paginate(db.selectFrom('posts').selectAll().orderBy('title', 'desc'), { limit: 5 })
    const count = sent.find((s) => s.includes('kysera_total'))
    expect(count).toBeDefined()
    expect(count?.toLowerCase()).not.toContain('order by')
  })

  it('works inside a transaction', async () => {
    await t.db.transaction().execute(async (trx) => {
      await trx.insertInto('posts').values({ user_id: (await trx.selectFrom('users').select('id').executeTakeFirstOrThrow()).id, title: 'tx' }).execute()
      const { pagination } = await paginate(trx.selectFrom('posts').selectAll(), { limit: 100 })
      expect(pagination.total).toBe(42)
      throw new Error('roll back')
    }).catch(() => {})
    expect((await paginate(t.db.selectFrom('posts').selectAll(), {})).pagination.total).toBe(41)
  })

  it('rejects malformed page and limit with BadRequestError before any SQL', async () => {
    sent.length = 0
    const db = logged()
    const q = db.selectFrom('posts').selectAll()
    for (const options of [
      { page: 0 },
      { page: -1 },
      { page: 1.5 },
      { page: Number.NaN },
      { page: '2' as unknown as number },
      { page: '1; drop table posts' as unknown as number },
      { limit: 0 },
      { limit: 1001 },
      { limit: 2.5 },
      { limit: 50, maxLimit: 10 },
      { page: Number.MAX_SAFE_INTEGER, limit: 20 },
    ]) {
      const e = await catchError(() => paginate(q, options))
      expect(e, JSON.stringify(options)).toBeInstanceOf(BadRequestError)
      expect((e as BadRequestError).code).toBe('INVALID_PAGINATION')
    }
    expect(sent).toEqual([])
  })

  it('defaults to page 1 of 20', async () => {
    const { data, pagination } = await paginate(t.db.selectFrom('posts').selectAll().orderBy('id'))
    expect(data).toHaveLength(20)
    expect(pagination).toMatchObject({ page: 1, limit: 20, hasPrev: false })
  })
})
