// Which rows a bulk statement may bind as placeholders itself (asserted against the databases in
// test/repository/bulk.test.ts).
import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { flatValues } from '../../../src/repository/bulk/bound-rows.js'
import { insertPlaceholders } from '../../../src/repository/bulk/value-rows.js'

const matrix = (rows: unknown[][]) => flatValues(rows.length, rows[0]?.length ?? 0, (r, c) => (rows[r] as unknown[])[c])

describe('flatValues', () => {
  it('lists the values row after row, as they are', () => {
    const at = new Date(0)
    const bytes = Buffer.from([1, 2])
    expect(matrix([[1, 'a', null], [at, bytes, 2n]])).toEqual([1, 'a', null, at, bytes, 2n])
  })

  it.each([
    ['an expression', sql`now()`],
    ['an expression factory', () => sql`now()`],
    ['undefined (Kysely writes DEFAULT)', undefined],
  ])('gives undefined for %s, so Kysely builds the statement', (_, value) => {
    expect(matrix([[1, 'a'], [2, value]])).toBeUndefined()
  })
})

describe('insertPlaceholders', () => {
  it('writes one placeholder per value and keeps the text per batch size', () => {
    const text = insertPlaceholders(3, 2)
    expect(insertPlaceholders(3, 2)).toBe(text)
    expect((text.toOperationNode() as { sqlFragments: readonly string[] }).sqlFragments).toEqual(['values (?, ?), (?, ?), (?, ?)'])
  })
})
