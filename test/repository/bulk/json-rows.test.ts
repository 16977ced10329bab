// The JSON document SQLite bulk writes send: which values it carries, and which send the rows back to
// one bound parameter per value (asserted against SQLite itself in test/repository/bulk.test.ts).
import { describe, expect, it } from 'vitest'
import { jsonRowTexts } from '../../../src/repository/bulk/json-rows.js'

describe('jsonRowTexts', () => {
  it('writes text, every number as a REAL, bigints as INTEGER and nulls, keys first when given', () => {
    const rows = [{ a: 'x"\\y', b: 3, c: null }, { a: 'ü😀', b: -0.5, c: 9n }, { a: '', b: 1e21, c: -0 }]
    expect(jsonRowTexts(rows, ['a', 'b', 'c'], [1, 'k', 2n])).toEqual(['[1.0,"x\\"\\\\y",3.0,null]', '["k","ü😀",-0.5,9]', '[2,"",1e+21,-0.0]'])
    expect(jsonRowTexts([{}], [], [5])).toEqual(['[5.0]'])
    expect(jsonRowTexts([{ a: undefined }], ['b'])).toBeUndefined() // a missing column is not NULL
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
    expect(jsonRowTexts([{ a: 'fine' }, { a: value }], ['a'])).toBeUndefined()
    expect(jsonRowTexts([{ a: 'fine' }], ['a'], [value])).toBeUndefined()
  })
})
