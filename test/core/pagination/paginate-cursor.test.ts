import { BadRequestError, paginateCursor, paginateCursorSimple, type CursorOrderBy } from 'kysera/core'
import { sql, type Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../../setup/dialects.js'
import { autoIdColumn } from '../../setup/schema.js'
import { walkBackward, walkForward } from './walk.js'

describeEachDialect('paginateCursor', (t) => {
  const sent: { sql: string; parameters: readonly unknown[] }[] = []
  let logged: Kysely<AnyDB>

  beforeAll(async () => {
    await t.db.schema
      .createTable('events')
      .addColumn('id', ...autoIdColumn(t.db))
      .addColumn('score', 'integer', (c) => c.notNull())
      .addColumn('rank', 'integer')
      .addColumn('name', 'varchar(50)', (c) => c.notNull())
      .execute()
    await t.db.schema.createIndex('events_score_id').on('events').columns(['score', 'id']).execute()
    // 23 rows: scores with many duplicates (incl. negatives), `rank` NULL on every third row.
    const rows = Array.from({ length: 23 }, (_, i) => ({ score: (i % 5) - 2, rank: i % 3 === 0 ? null : i % 4, name: `e${i}` }))
    await t.db.insertInto('events').values(rows).execute()
    logged = t.connect({ onQuery: (q) => sent.push(q) })
  })

  const base = () => t.db.selectFrom('events').selectAll()
  const reference = async (orderBy: readonly CursorOrderBy[]): Promise<number[]> => {
    // One unpaginated query with the same order, written independently: NULLs placed with CASE.
    let q = base()
    for (const o of orderBy) {
      const desc = o.direction === 'desc'
      const nullsFirst = o.nulls === undefined ? desc : o.nulls === 'first'
      q = q.orderBy(sql`case when ${sql.ref(o.column)} is null then ${nullsFirst ? 0 : 1} else ${nullsFirst ? 1 : 0} end`).orderBy(sql.ref(o.column), desc ? 'desc' : 'asc')
    }
    return (await q.execute()).map((r) => Number(r.id))
  }

  const orderings: [string, CursorOrderBy[]][] = [
    ['score asc, id asc', [{ column: 'score' }, { column: 'id' }]],
    ['score desc, id desc', [{ column: 'score', direction: 'desc' }, { column: 'id', direction: 'desc' }]],
    ['score desc, id asc (mixed)', [{ column: 'score', direction: 'desc' }, { column: 'id', direction: 'asc' }]],
    ['rank asc (nulls last), id', [{ column: 'rank' }, { column: 'id' }]],
    ['rank desc (nulls first), id', [{ column: 'rank', direction: 'desc' }, { column: 'id' }]],
    ['rank asc nulls first, score desc, id', [{ column: 'rank', nulls: 'first' }, { column: 'score', direction: 'desc' }, { column: 'id' }]],
    ['rank desc nulls last, name, id desc', [{ column: 'rank', direction: 'desc', nulls: 'last' }, { column: 'name' }, { column: 'id', direction: 'desc' }]],
  ]

  for (const [title, orderBy] of orderings) {
    it(`walks ${title} forward and backward, every row once, in order`, async () => {
      const expected = await reference(orderBy)
      for (const limit of [1, 2, 7, 50]) {
        const forward = await walkForward((o) => paginateCursor(base(), { db: t.db, orderBy, limit, ...o }))
        expect(forward.ids, `limit ${limit}`).toEqual(expected)
        const backward = await walkBackward((o) => paginateCursor(base(), { db: t.db, orderBy, limit, ...o }), forward.lastPage)
        expect(backward.ids, `backward, limit ${limit}`).toEqual(expected)
      }
    })
  }

  it('places NULLs last for asc and first for desc by default', async () => {
    const asc = await paginateCursor(base(), { db: t.db, orderBy: [{ column: 'rank' }, { column: 'id' }], limit: 50 })
    const ranks = asc.data.map((r) => r.rank)
    expect(ranks.slice(-8)).toEqual(Array(8).fill(null))
    expect(ranks.slice(0, -8)).not.toContain(null)
    const desc = await paginateCursor(base(), { db: t.db, orderBy: [{ column: 'rank', direction: 'desc' }, { column: 'id' }], limit: 50 })
    expect(desc.data.slice(0, 8).map((r) => r.rank)).toEqual(Array(8).fill(null))
  })

  it('sets cursors and flags like a client expects', async () => {
    const orderBy = [{ column: 'id' }]
    const first = await paginateCursor(base(), { db: t.db, orderBy, limit: 10 })
    expect(first.pagination).toMatchObject({ limit: 10, hasNext: true, hasPrev: false })
    expect(first.pagination.prevCursor).toBeUndefined()
    const second = await paginateCursor(base(), { db: t.db, orderBy, limit: 10, cursor: first.pagination.nextCursor })
    expect(second.pagination).toMatchObject({ hasNext: true, hasPrev: true })
    expect(second.pagination.prevCursor).toEqual(expect.any(String))
    const back = await paginateCursor(base(), { db: t.db, orderBy, limit: 10, before: second.pagination.prevCursor })
    expect(back.data).toEqual(first.data)
    expect(back.pagination).toMatchObject({ hasPrev: false, hasNext: true })
    const last = await paginateCursor(base(), { db: t.db, orderBy, limit: 10, cursor: second.pagination.nextCursor })
    expect(last.data).toHaveLength(3)
    expect(last.pagination).toMatchObject({ hasNext: false, hasPrev: true })
    expect(last.pagination.nextCursor).toBeUndefined()
  })

  it('links an empty page (the rows after the cursor were deleted) back to the page before it', async () => {
    await t.db.schema.createTable('shrinking').addColumn('id', 'integer', (c) => c.primaryKey()).execute()
    await t.db.insertInto('shrinking').values(Array.from({ length: 6 }, (_, i) => ({ id: i + 1 }))).execute()
    const q = () => t.db.selectFrom('shrinking').selectAll()
    const orderBy = [{ column: 'id' }]
    const first = await paginateCursor(q(), { db: t.db, orderBy, limit: 3 })
    await t.db.deleteFrom('shrinking').where('id', '>', 3).execute()
    const empty = await paginateCursor(q(), { db: t.db, orderBy, limit: 3, cursor: first.pagination.nextCursor })
    expect(empty.data).toEqual([])
    expect(empty.pagination).toMatchObject({ hasNext: false, hasPrev: true })
    const back = await paginateCursor(q(), { db: t.db, orderBy, limit: 3, before: empty.pagination.prevCursor })
    expect(back.data.map((r) => r.id)).toEqual([1, 2, 3])
    const beforeFirst = await paginateCursor(q(), { db: t.db, orderBy, limit: 3, before: back.pagination.prevCursor ?? first.pagination.nextCursor })
    expect(beforeFirst.data.map((r) => r.id)).toEqual([1, 2])
  })

  it('never returns its own cursor columns in the rows', async () => {
    const { data } = await paginateCursor(t.db.selectFrom('events').select(['id', 'name']), { db: t.db, orderBy: [{ column: 'score' }, { column: 'id' }], limit: 3 })
    expect(Object.keys(data[0] ?? {}).sort()).toEqual(['id', 'name'])
  })

  it('paginates through a qualified column and a join', async () => {
    const q = t.db.selectFrom('events as e').innerJoin('events as f', 'f.id', 'e.id').select(['e.id', 'e.score'])
    const orderBy: CursorOrderBy[] = [{ column: 'e.score', direction: 'desc' }, { column: 'e.id' }]
    const walked = await walkForward((o) => paginateCursor(q, { db: t.db, orderBy, limit: 4, ...o }))
    const expected = (await base().orderBy('score', 'desc').orderBy('id').execute()).map((r) => Number(r.id))
    expect(walked.ids).toEqual(expected)
  })

  it('paginates `select *` from a derived table, whose columns no catalogue describes', async () => {
    const q = t.db.selectFrom(base().where('score', '>=', 0).as('s')).selectAll()
    const orderBy: CursorOrderBy[] = [{ column: 'score', direction: 'desc' }, { column: 'id' }]
    const walked = await walkForward((o) => paginateCursor(q, { db: t.db, orderBy, limit: 4, ...o }))
    const expected = (await base().where('score', '>=', 0).orderBy('score', 'desc').orderBy('id').execute()).map((r) => Number(r.id))
    expect(walked.ids).toEqual(expected)
  })

  it('paginateCursorSimple walks by id', async () => {
    const walked = await walkForward((o) => paginateCursorSimple(base(), { db: t.db, limit: 5, ...o }))
    expect(walked.ids).toEqual((await base().orderBy('id').execute()).map((r) => Number(r.id)))
  })

  /** The SQL of the page queries sent (catalogue reads left out). */
  const pageQueries = (): string[] => sent.filter((q) => q.sql.includes(' from "events"') || q.sql.includes(' from `events`')).map((q) => q.sql)

  it('emits an index-friendly seek predicate for each dialect', async () => {
    const orderBy = [{ column: 'score' }, { column: 'id' }]
    const first = await paginateCursor(base(), { db: t.db, orderBy, limit: 2 })
    sent.length = 0
    await paginateCursor(logged.selectFrom('events').selectAll(), { db: logged, orderBy, limit: 2, cursor: first.pagination.nextCursor })
    const query = pageQueries()[0]
    const expected = {
      postgres: 'where ("score", "id") > ($1, $2) order by "score" asc, "id" asc limit $3',
      // `+?`: SQLite would otherwise re-plan the statement for every new cursor (STAT4 samples) and limit.
      sqlite: 'where ("score", "id") > (+?, +?) order by "score" asc, "id" asc limit +?',
      // `if(…, 0, 1)`: MariaDB's range optimizer would split `not (…)` into ranges and estimate each.
      mysql: 'where (`score` >= ? and if((`score` = ? and `id` <= ?), 0, 1)) order by `score` asc, `id` asc limit ?',
    }[t.dialect]
    expect(query).toContain(expected)
  })

  it('writes mixed directions as a leading range plus a tie filter, values hidden from SQLite’s planner', async () => {
    const orderBy: CursorOrderBy[] = [{ column: 'score', direction: 'desc' }, { column: 'id' }]
    const first = await paginateCursor(base(), { db: t.db, orderBy, limit: 2 })
    sent.length = 0
    await paginateCursor(logged.selectFrom('events').selectAll(), { db: logged, orderBy, limit: 2, cursor: first.pagination.nextCursor })
    const expected = {
      postgres: 'where ("score" <= $1 and not ("score" = $2 and "id" <= $3)) order by "score" desc, "id" asc',
      sqlite: 'where ("score" <= +? and not ("score" = +? and "id" <= +?)) order by "score" desc, "id" asc',
      mysql: 'where (`score` <= ? and if((`score` = ? and `id` <= ?), 0, 1)) order by `score` desc, `id` asc',
    }[t.dialect]
    expect(pageQueries()[0]).toContain(expected)
  })

  it('handles NULLs in the seek predicate without dropping rows, and says where NULLs go', async () => {
    const orderBy: CursorOrderBy[] = [{ column: 'rank' }, { column: 'id' }]
    const first = await paginateCursor(base(), { db: t.db, orderBy, limit: 3 })
    sent.length = 0
    await paginateCursor(logged.selectFrom('events').selectAll(), { db: logged, orderBy, limit: 3, cursor: first.pagination.nextCursor })
    const query = pageQueries()[0] ?? ''
    if (t.dialect === 'mysql') expect(query).toContain('order by `rank` is null asc, `rank` asc, `id` asc')
    else expect(query).toContain('order by "rank" asc nulls last, "id" asc')
  })

  it('selects sort values again only when the rows do not already hold them exactly, and never returns them', async () => {
    const orderBy: CursorOrderBy[] = [{ column: 'score' }, { column: 'id' }]
    sent.length = 0
    const whole = await paginateCursor(logged.selectFrom('events').selectAll(), { db: logged, orderBy, limit: 2 })
    const partial = await paginateCursor(logged.selectFrom('events').select('name'), { db: logged, orderBy, limit: 2 })
    const [wholeSql, partialSql] = pageQueries()
    // Integer columns come back exact from every driver: the rows of `select *` carry the cursor values.
    expect(wholeSql).not.toContain('__kysera_cursor')
    expect(partialSql).toContain('__kysera_cursor_0')
    for (const row of [...whole.data, ...partial.data]) expect(Object.keys(row).some((k) => k.startsWith('__kysera'))).toBe(false)
    expect(Object.keys(partial.data[0] ?? {})).toEqual(['name'])
    const next = await paginateCursor(logged.selectFrom('events').select('name'), { db: logged, orderBy, limit: 2, cursor: partial.pagination.nextCursor })
    const fromWhole = await paginateCursor(logged.selectFrom('events').selectAll(), { db: logged, orderBy, limit: 2, cursor: whole.pagination.nextCursor })
    expect(next.data.map((r) => r.name)).toEqual(fromWhole.data.map((r) => r.name))
  })

  // PostgreSQL folds only unquoted names, so "ID" is another column there.
  if (t.dialect !== 'postgres') {
    it('walks every row when orderBy spells a column in another case than the table', async () => {
      const orderBy: CursorOrderBy[] = [{ column: 'SCORE' }, { column: 'ID' }]
      const walked = await walkForward((o) => paginateCursor(base(), { db: t.db, orderBy, limit: 3, ...o }))
      expect(walked.ids).toEqual((await base().orderBy('score').orderBy('id').execute()).map((r) => Number(r.id)))
    })
  }

  it('uses the caller’s nullable override instead of the catalogue', async () => {
    sent.length = 0
    const orderBy: CursorOrderBy[] = [{ column: 'score', nullable: true }, { column: 'id', nullable: false }]
    await paginateCursor(logged.selectFrom('events').selectAll(), { db: logged, orderBy, limit: 3 })
    const query = pageQueries()[0] ?? ''
    expect(query).toMatch(/score.? is null asc|"score" asc nulls last/)
  })

  it('reads a table’s catalogue once; later pages send only their own query', async () => {
    const queries: string[] = []
    const fresh = t.connect({ onQuery: (q) => queries.push(q.sql) })
    try {
      const orderBy: CursorOrderBy[] = [{ column: 'score' }, { column: 'id' }]
      const page = () => fresh.selectFrom('events').selectAll()
      const first = await paginateCursor(page(), { db: fresh, orderBy, limit: 4 })
      const firstQueries = queries.splice(0)
      expect(firstQueries.length).toBeGreaterThan(1)
      expect(firstQueries.filter((q) => /from [`"]events[`"]/.test(q))).toHaveLength(1)
      const second = await paginateCursor(page(), { db: fresh, orderBy, limit: 4, cursor: first.pagination.nextCursor })
      expect(queries).toHaveLength(1)
      expect(queries[0]).toMatch(/from [`"]events[`"] where/)
      expect(second.data.map((r) => Number(r.id))).toEqual((await base().orderBy('score').orderBy('id').execute()).slice(4, 8).map((r) => Number(r.id)))
    } finally {
      await fresh.destroy()
    }
  })

  it('refuses bad options with BadRequestError before any SQL', async () => {
    sent.length = 0
    const q = logged.selectFrom('events').selectAll()
    const cases: unknown[] = [
      { orderBy: [] },
      { orderBy: [{ column: 'id; drop table events' }] },
      { orderBy: [{ column: 'lower(name)' }] },
      { orderBy: [{ column: 'id', direction: 'sideways' }] },
      { orderBy: [{ column: 'id', nulls: 'middle' }] },
      { orderBy: [{ column: 'id' }, { column: 'id' }] },
      { orderBy: [{ column: 'id' }], limit: 0 },
      { orderBy: [{ column: 'id' }], limit: 10_000 },
      { orderBy: [{ column: 'id' }], cursor: 'a', before: 'b' },
      { orderBy: [{ column: 'id' }], secret: '' },
      { orderBy: 'id' },
    ]
    for (const c of cases) {
      const e = await catchError(() => paginateCursor(q, { db: logged, ...(c as object) } as never))
      expect(e, JSON.stringify(c)).toBeInstanceOf(BadRequestError)
    }
    const noDb = await catchError(() => paginateCursor(q, { orderBy: [{ column: 'id' }] } as never))
    expect(noDb).toBeInstanceOf(BadRequestError)
    expect(sent).toEqual([])
  })
})
