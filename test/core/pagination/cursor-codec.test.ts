import { BadRequestError } from 'kysera/core'
import { describe, expect, it } from 'vitest'
import { createCursorSigner, decodeCursor, encodeCursor } from '../../../src/core/pagination/cursor-codec.js'

describe('cursor codec', () => {
  it('round-trips every value type with its JS type and precision', () => {
    const values = [null, 0, -12.5, 'ünïcødé ✓', true, 9007199254740993n, -42n, new Date('2024-05-01T10:00:00.123Z'), new Uint8Array([0, 255, 7])]
    const decoded = decodeCursor(encodeCursor({ values, inclusive: false }, 'o1'), 'o1', values.length)
    expect(decoded).toEqual({ values, inclusive: false })
    expect(typeof decoded.values[5]).toBe('bigint')
    expect(decoded.values[7]).toBeInstanceOf(Date)
  })

  it('keeps the inclusive flag', () => {
    expect(decodeCursor(encodeCursor({ values: [1], inclusive: true }, 'o'), 'o', 1).inclusive).toBe(true)
  })

  it('refuses values it cannot carry exactly', () => {
    expect(() => encodeCursor({ values: [Number.NaN], inclusive: false }, 'o')).toThrow()
    expect(() => encodeCursor({ values: [new Date('nope')], inclusive: false }, 'o')).toThrow()
  })

  it('refuses a cursor bound to another ordering or carrying a wrong key count', () => {
    const cursor = encodeCursor({ values: [1, 2], inclusive: false }, 'o1')
    expect(() => decodeCursor(cursor, 'o2', 2)).toThrow(BadRequestError)
    expect(() => decodeCursor(cursor, 'o1', 3)).toThrow(BadRequestError)
  })

  it('signs and verifies, refusing any change to body or signature', async () => {
    const body = encodeCursor({ values: [1], inclusive: false }, 'o')
    const signer = createCursorSigner('k')
    const signed = await signer.sign(body)
    expect(await signer.verify(signed)).toBe(body)
    await expect(createCursorSigner('other').verify(signed)).rejects.toMatchObject({ code: 'INVALID_CURSOR' })
    await expect(signer.verify(`${encodeCursor({ values: [2], inclusive: false }, 'o')}.${signed.split('.')[1]}`)).rejects.toMatchObject({
      code: 'INVALID_CURSOR',
    })
    expect(() => decodeCursor(signed, 'o', 1)).toThrow(BadRequestError)
  })
})
