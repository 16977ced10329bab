import { Kysely, SqliteDialect, sql } from 'kysely'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { getAdapter } from '../../../src/core/dialect/get-adapter.js'
import type { Executor } from '../../../src/core/dialect/dialect.js'
import { nodeExpression } from '../../../src/core/internal/node-expression.js'
import { columnReference, seekPredicate } from '../../../src/core/pagination/seek-predicate.js'
import type { ResolvedSortKey } from '../../../src/core/pagination/sort-key.js'

// Unit checks of the parts the seek predicate reuses between calls; what the predicate selects is
// checked against real databases in paginate-cursor.test.ts and the property tests.
describe('seek predicate building blocks', () => {
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) }) // eslint-disable-line @typescript-eslint/no-explicit-any
  const adapter = getAdapter(db as unknown as Executor)
  const key = (column: string, desc = false): ResolvedSortKey => ({ column, desc, nullable: false, nullsFirst: false }) as ResolvedSortKey
  const sqlOf = (keys: ResolvedSortKey[], values: (string | number)[], inclusive = false) =>
    db.selectFrom('t').selectAll().where(seekPredicate(adapter, keys, values, inclusive)).compile()

  it('reuses one reference node per column, and keeps table and column apart', () => {
    expect(columnReference('e.score')).toBe(columnReference('e.score'))
    const refs = (...columns: string[]) =>
      sql.join(columns.map((c) => sql`${nodeExpression(columnReference(c))}`)).compile(db).sql
    expect(refs('e.score', 'score')).toBe('"e"."score", "score"')
    // Past the cache's bound the names are still right.
    for (let i = 0; i < 1500; i++) columnReference(`c${i}`)
    expect(refs('c7', 'x.c1499', 'e.score')).toBe('"c7", "x"."c1499", "e"."score"')
  })

  it('writes each row-value form with its own operator and parameter count', () => {
    expect(sqlOf([key('a'), key('b')], ['x', 1])).toMatchObject({ sql: 'select * from "t" where ("a", "b") > (+?, +?)', parameters: ['x', 1] })
    expect(sqlOf([key('a', true), key('b', true), key('c', true)], ['x', 1, 2], true)).toMatchObject({
      sql: 'select * from "t" where ("a", "b", "c") <= (+?, +?, +?)',
      parameters: ['x', 1, 2],
    })
    // A form asked for again after others is unchanged.
    expect(sqlOf([key('a'), key('b')], ['y', 2]).sql).toBe('select * from "t" where ("a", "b") > (+?, +?)')
  })
})
