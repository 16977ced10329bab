/**
 * Cursor values keep their JS type through the JSON payload: plain JSON for null, finite numbers,
 * strings and booleans; tagged pairs for the rest. Anything else cannot be a sort key.
 */
export type EncodedValue = null | number | string | boolean | ['n', string] | ['d', string] | ['x', string]

/** A value read back from a cursor: what goes into the seek predicate as a parameter. */
export type CursorValue = null | number | string | boolean | bigint | Date | Uint8Array

export function encodeValue(value: unknown): EncodedValue {
  if (value === null || value === undefined) return null
  switch (typeof value) {
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`non-finite number ${value}`)
      return value
    case 'string':
    case 'boolean':
      return value
    case 'bigint':
      return ['n', value.toString()]
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError('invalid Date')
    return ['d', value.toISOString()]
  }
  if (value instanceof Uint8Array) return ['x', Buffer.from(value).toString('base64')]
  throw new TypeError(`unsupported sort value of type ${Object.prototype.toString.call(value)}`)
}

/** Decodes one value; returns `undefined` for anything that is not a well-formed encoded value. */
export function decodeValue(encoded: unknown): CursorValue | undefined {
  if (encoded === null || typeof encoded === 'string' || typeof encoded === 'boolean') return encoded
  if (typeof encoded === 'number') return Number.isFinite(encoded) ? encoded : undefined
  if (!Array.isArray(encoded) || encoded.length !== 2 || typeof encoded[1] !== 'string') return undefined
  const [tag, text] = encoded as [unknown, string]
  if (tag === 'n') return /^-?\d{1,40}$/.test(text) ? BigInt(text) : undefined
  if (tag === 'd') {
    const date = new Date(text)
    return /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(text) && !Number.isNaN(date.getTime()) ? date : undefined
  }
  if (tag === 'x') return /^[A-Za-z0-9+/]*={0,2}$/.test(text) ? new Uint8Array(Buffer.from(text, 'base64')) : undefined
  return undefined
}
