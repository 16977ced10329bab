import { paginateCursor, type CursorOrderBy } from 'kysera/core'
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../setup/dialects.js'
import { autoIdColumn } from '../../setup/schema.js'
import { walkBackward, walkForward } from './walk.js'

// Rows whose sort values a JS number or Date cannot hold exactly.
describeEachDialect('cursor values keep their precision', (t) => {
  beforeAll(async () => {
    const ts = { postgres: 'timestamptz', mysql: 'datetime(6)', sqlite: 'text' }[t.dialect]
    const big = t.dialect === 'sqlite' ? 'text' : 'bigint'
    await t.db.schema
      .createTable('ticks')
      .addColumn('id', ...autoIdColumn(t.db))
      .addColumn('at', sql.raw(ts), (c) => c.notNull())
      .addColumn('big', sql.raw(big), (c) => c.notNull())
      .addColumn('amount', 'decimal(20, 6)', (c) => c.notNull())
      .execute()
    // 30 rows that share each millisecond three times over, differing only in microseconds; bigints
    // above 2^53 that differ in the last digit; decimals that differ past a double's precision.
    const rows = Array.from({ length: 30 }, (_, i) => {
      const ms = Math.floor(i / 3)
      const micros = String(ms).padStart(3, '0') + String(100 + (i % 3) * 7).padStart(3, '0')
      return {
        at: `2024-05-01 10:00:00.${micros}`,
        big: (9007199254740993n + BigInt(i % 4)).toString(),
        amount: `12345678901234.${String(i % 5).padStart(6, '0')}`,
      }
    })
    await t.db.insertInto('ticks').values(rows).execute()
  })

  const cases: [string, CursorOrderBy[]][] = [
    ['microsecond timestamps', [{ column: 'at' }, { column: 'id' }]],
    ['microsecond timestamps, desc', [{ column: 'at', direction: 'desc' }, { column: 'id', direction: 'desc' }]],
    ['bigint above 2^53', [{ column: 'big' }, { column: 'id' }]],
    ['numeric strings', [{ column: 'amount', direction: 'desc' }, { column: 'id' }]],
  ]

  for (const [title, orderBy] of cases) {
    it(`walks ${title} without repeats or gaps`, async () => {
      const expected = (
        await orderBy.reduce((q, o) => q.orderBy(sql.ref(o.column), o.direction ?? 'asc'), t.db.selectFrom('ticks').select('id')).execute()
      ).map((r) => Number(r.id))
      for (const limit of [1, 2, 4]) {
        const fetch = (o: { cursor?: string; before?: string }) => paginateCursor(t.db.selectFrom('ticks').selectAll(), { db: t.db, orderBy, limit, ...o })
        const forward = await walkForward(fetch)
        expect(forward.ids).toEqual(expected)
        expect((await walkBackward(fetch, forward.lastPage)).ids).toEqual(expected)
      }
    })
  }

  it('selects a value again as text only where the driver would lose precision', async () => {
    const sent: string[] = []
    const logged = t.connect({ onQuery: (q) => sent.push(q.sql) })
    const orderBy: CursorOrderBy[] = [{ column: 'at' }, { column: 'big' }, { column: 'id' }]
    await paginateCursor(logged.selectFrom('ticks').selectAll(), { db: logged, orderBy, limit: 2 })
    const page = sent.find((q) => q.includes('ticks') && q.includes(' limit ')) ?? ''
    // SQLite returns stored values as they are. PostgreSQL: the timestamp is cast; pg returns bigint as a
    // string. MySQL: the timestamp and the BIGINT (past 2^53) are cast. Integer ids never are.
    const cast = { sqlite: [], postgres: ['__kysera_cursor_0'], mysql: ['__kysera_cursor_0', '__kysera_cursor_1'] }[t.dialect]
    expect(['__kysera_cursor_0', '__kysera_cursor_1', '__kysera_cursor_2'].filter((c) => page.includes(c))).toEqual(cast)
  })

  it('round-trips timestamps with a default of now() (microseconds in the database)', async () => {
    if (t.dialect === 'sqlite') {
      await t.db.schema.createTable('stamps').addColumn('id', ...autoIdColumn(t.db)).addColumn('n', 'integer').addColumn('at', 'text', (c) => c.notNull().defaultTo(sql`(strftime('%Y-%m-%d %H:%M:%f', 'now'))`)).execute()
    } else {
      const type = t.dialect === 'postgres' ? 'timestamptz' : 'datetime(6)'
      const now = t.dialect === 'postgres' ? sql`now()` : sql`current_timestamp(6)`
      await t.db.schema.createTable('stamps').addColumn('id', ...autoIdColumn(t.db)).addColumn('n', 'integer').addColumn('at', sql.raw(type), (c) => c.notNull().defaultTo(now)).execute()
    }
    for (let n = 0; n < 12; n++) await t.db.insertInto('stamps').values({ n }).execute()
    const orderBy: CursorOrderBy[] = [{ column: 'at', direction: 'desc' }, { column: 'id', direction: 'desc' }]
    const expected = (await t.db.selectFrom('stamps').select('id').orderBy('at', 'desc').orderBy('id', 'desc').execute()).map((r) => Number(r.id))
    const forward = await walkForward((o) => paginateCursor(t.db.selectFrom('stamps').selectAll(), { db: t.db, orderBy, limit: 5, ...o }))
    expect(forward.ids).toEqual(expected)
  })
})
