// The JSON document SQLite bulk writes send: which values it carries, and which send the rows back to
// one bound parameter per value (asserted against SQLite itself in test/repository/bulk.test.ts).
import { describe, expect, it } from 'vitest'
import { jsonRowDocuments } from '../../../src/repository/bulk/json-rows.js'

const texts = (rows: Record<string, unknown>[], columns: string[], keys?: unknown[], integerKeys = false) =>
  jsonRowDocuments(rows, columns, keys, Number.POSITIVE_INFINITY, integerKeys)?.map((d) => d.text)

describe('jsonRowDocuments', () => {
  it('writes text, every number as a REAL, bigints as INTEGER and nulls, keys first when given', () => {
    const rows = [{ a: 'x"\\y', b: 3, c: null }, { a: 'ü😀', b: -0.5, c: 9n }, { a: '', b: 1e21, c: -0 }]
    expect(texts(rows, ['a', 'b', 'c'], [1, 'k', 2n])).toEqual(['[[1.0,"x\\"\\\\y",3.0,null],["k","ü😀",-0.5,9],[2,"",1e+21,-0.0]]'])
    expect(texts([{}], [], [5])).toEqual(['[[5.0]]'])
    expect(texts([{ a: undefined }], ['b'])).toBeUndefined() // a missing column is not NULL
  })

  it('writes safe-integer keys as integers only when asked (an INTEGER key column), values still as REALs', () => {
    expect(texts([{ a: 1 }, { a: 2 }], ['a'], [7, 2 ** 53], true)).toEqual(['[[7,1.0],[9007199254740992.0,2.0]]'])
    expect(texts([{ a: 1 }], ['a'], [7])).toEqual(['[[7.0,1.0]]'])
  })

  it('splits the rows into documents under the character budget, each holding at least one row', () => {
    const rows = [{ a: 'xxxx' }, { a: 'y' }, { a: 'zzzzzzzzzzzz' }, { a: 'w' }]
    const documents = jsonRowDocuments(rows, ['a'], undefined, 16)
    expect(documents).toEqual([
      { text: '[["xxxx"],["y"]]', rows: 2 },
      { text: '[["zzzzzzzzzzzz"]]', rows: 1 },
      { text: '[["w"]]', rows: 1 },
    ])
    expect(documents?.flatMap((d) => JSON.parse(d.text))).toEqual(rows.map((r) => [r.a]))
  })

  it.each([
    ['a boolean', true],
    ['a Date', new Date(0)],
    ['a Buffer', Buffer.from('x')],
    ['an object', { toOperationNode: () => ({}) }],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a bigint past 64 bits', 2n ** 63n],
    ['text with NUL', 'a\0b'],
    ['text with a lone surrogate', 'a\uD800b'],
  ])('gives undefined for %s, so the caller binds values instead', (_, value) => {
    expect(texts([{ a: 'fine' }, { a: value }], ['a'])).toBeUndefined()
    expect(texts([{ a: 'fine' }], ['a'], [value])).toBeUndefined()
  })
})
