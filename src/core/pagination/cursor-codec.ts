import { BadRequestError } from '../errors/bad-request-error.js'
import { decodeValue, encodeValue, type CursorValue, type EncodedValue } from './cursor-value.js'

/** Cursor format version; bump when the payload changes so old cursors are refused, not misread. */
const VERSION = 1
/** Longest cursor accepted, to bound the work spent on hostile input. */
const MAX_CURSOR_LENGTH = 4096

/** A decoded cursor: a position in the order, and whether the row at it belongs to the page. */
export interface CursorPosition {
  values: CursorValue[]
  /** The page starts *at* the position instead of after it (a page that came back empty). */
  inclusive: boolean
}

interface Payload {
  v: number
  o: string
  k: EncodedValue[]
  i?: 1
}

/**
 * Encodes a position as an opaque base64url cursor bound to `order` (a fingerprint of the orderBy).
 * Synchronous: unsigned cursors cost no microtask on the hot path; see {@link createCursorSigner}.
 */
export function encodeCursor(position: CursorPosition, order: string): string {
  const payload: Payload = { v: VERSION, o: order, k: position.values.map((v) => encodeValue(v)) }
  if (position.inclusive) payload.i = 1
  return Buffer.from(JSON.stringify(payload)).toString('base64url')
}

/** Signs cursors and checks their signatures with one secret; the HMAC key is imported once. */
export interface CursorSigner {
  /** Appends an HMAC-SHA-256 signature to an encoded cursor, after a dot. */
  sign(body: string): Promise<string>
  /** Checks a signed cursor and returns its body for {@link decodeCursor}. */
  verify(cursor: unknown): Promise<string>
}

/** A {@link CursorSigner} for `secret`, meant to serve one pagination call. */
export function createCursorSigner(secret: string): CursorSigner {
  let key: Promise<HmacKey> | undefined
  const hmac = (): Promise<HmacKey> => (key ??= hmacKey(secret))
  return {
    async sign(body) {
      const signature = await globalThis.crypto.subtle.sign('HMAC', await hmac(), new TextEncoder().encode(body))
      return `${body}.${Buffer.from(signature).toString('base64url')}`
    },
    async verify(cursor) {
      const [body, signature, extra] = splitCursor(cursor)
      if (extra !== undefined || signature === undefined || !/^[A-Za-z0-9_-]+$/.test(signature)) invalid('missing signature')
      // WebCrypto's `verify` compares in constant time, so a forger learns nothing from timing.
      const ok = await globalThis.crypto.subtle.verify('HMAC', await hmac(), Buffer.from(signature, 'base64url'), new TextEncoder().encode(body))
      if (!ok) invalid('bad signature')
      return body
    },
  }
}

/**
 * Decodes an unsigned cursor body and checks version, ordering and value count. Every failure is a
 * `BadRequestError` with `code: 'INVALID_CURSOR'`; nothing from the cursor is ever used as an
 * identifier.
 */
export function decodeCursor(cursor: unknown, order: string, keyCount: number): CursorPosition {
  const [body, signature] = splitCursor(cursor)
  if (signature !== undefined) invalid('signed cursor, but no secret is configured')
  let payload: unknown
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
  } catch {
    invalid('not JSON')
  }
  const p = payload as Partial<Payload> | null
  if (typeof p !== 'object' || p === null || Array.isArray(p)) invalid('not an object')
  if (p.v !== VERSION) invalid(`unsupported version ${String(p.v)}`)
  if (p.o !== order) invalid('it belongs to a different orderBy')
  if (!Array.isArray(p.k) || p.k.length !== keyCount) invalid('wrong number of values')
  if (p.i !== undefined && p.i !== 1) invalid('malformed')
  const values = p.k.map((k) => {
    const value = decodeValue(k)
    if (value === undefined) invalid('malformed value')
    return value
  })
  return { values, inclusive: p.i === 1 }
}

function splitCursor(cursor: unknown): [string, string | undefined, string | undefined] {
  if (typeof cursor !== 'string' || cursor === '' || cursor.length > MAX_CURSOR_LENGTH) invalid('not a cursor string')
  const [body, signature, extra] = cursor.split('.')
  if (body === undefined || !/^[A-Za-z0-9_-]+$/.test(body)) invalid('malformed')
  return [body, signature, extra]
}

function invalid(reason: string): never {
  throw new BadRequestError(`[kysera:pagination] Invalid cursor: ${reason}`, { code: 'INVALID_CURSOR' })
}

type HmacKey = Awaited<ReturnType<typeof globalThis.crypto.subtle.importKey>>

function hmacKey(secret: string): Promise<HmacKey> {
  return globalThis.crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
}
