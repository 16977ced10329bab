import fc from 'fast-check'
import { paginateCursor, type CursorOrderBy } from 'kysera/core'
import { sql } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDialect } from '../../setup/dialects.js'
import { autoIdColumn } from '../../setup/schema.js'
import { walkBackward, walkForward } from './walk.js'

// Generated tables and orderings: duplicates, NULLs, negative numbers, unicode strings, every mix of
// directions and NULL placements, page sizes 1, 2, 7 and larger than the table. Walking forward and
// backward must give exactly the rows of one unpaginated query with the same order.
const row = fc.record({
  a: fc.option(fc.integer({ min: -3, max: 3 }), { nil: null }),
  b: fc.option(fc.constantFrom('', 'a', 'B', 'é', 'zz', '日本', 'Ω', '-1'), { nil: null }),
  c: fc.integer({ min: -2, max: 2 }),
})
const key = (column: 'a' | 'b' | 'c') =>
  fc.record({ column: fc.constant(column), direction: fc.constantFrom('asc', 'desc'), nulls: fc.constantFrom(undefined, 'first', 'last') })
const ordering = fc
  .shuffledSubarray([key('a'), key('b'), key('c')])
  .chain((keys) => fc.tuple(...keys, fc.constantFrom('asc', 'desc')))
  .map((parts) => {
    const direction = parts.at(-1) as 'asc' | 'desc'
    const keys = parts.slice(0, -1) as CursorOrderBy[]
    return [...keys.map((k) => (k.nulls === undefined ? { column: k.column, direction: k.direction } : k)), { column: 'id', direction }] as CursorOrderBy[]
  })

describeEachDialect('paginateCursor (property-based)', (t) => {
  beforeAll(async () => {
    await t.db.schema
      .createTable('prop_rows')
      .addColumn('id', ...autoIdColumn(t.db))
      .addColumn('a', 'integer')
      .addColumn('b', 'varchar(20)')
      .addColumn('c', 'integer', (col) => col.notNull())
      .execute()
  })

  it('walks every generated table and ordering exactly once, forward and backward', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 25 }), ordering, fc.constantFrom(1, 2, 7, 30), async (rows, orderBy, limit) => {
        await t.db.deleteFrom('prop_rows').execute()
        if (rows.length > 0) await t.db.insertInto('prop_rows').values(rows).execute()
        let reference = t.db.selectFrom('prop_rows').select('id')
        for (const o of orderBy) {
          const desc = o.direction === 'desc'
          const nullsFirst = o.nulls === undefined ? desc : o.nulls === 'first'
          reference = reference
            .orderBy(sql`case when ${sql.ref(o.column)} is null then ${nullsFirst ? 0 : 1} else ${nullsFirst ? 1 : 0} end`)
            .orderBy(sql.ref(o.column), desc ? 'desc' : 'asc')
        }
        const expected = (await reference.execute()).map((r) => Number(r.id))
        const fetch = (o: { cursor?: string; before?: string }) =>
          paginateCursor(t.db.selectFrom('prop_rows').selectAll(), { db: t.db, orderBy, limit, ...o })
        const forward = await walkForward(fetch)
        expect(forward.ids).toEqual(expected)
        expect((await walkBackward(fetch, forward.lastPage)).ids).toEqual(expected)
      }),
      { numRuns: 40 },
    )
  })
})
