import { BadRequestError } from '../errors/bad-request-error.js'

/** A validated sort key. `nullsFirst` is where NULLs sit in this key's own order. */
export interface SortKey {
  column: string
  desc: boolean
  nullsFirst: boolean
  /** Explicit `nullable` from the caller; otherwise resolved from the catalogue. */
  nullable: boolean | undefined
}

/** A sort key whose nullability is known. */
export type ResolvedSortKey = SortKey & { nullable: boolean }

// `column` or `table.column`: plain identifiers only, so a key can never smuggle SQL or a function call.
const COLUMN = /^[A-Za-z_][A-Za-z0-9_$]{0,62}(?:\.[A-Za-z_][A-Za-z0-9_$]{0,62})?$/
/** More keys than this is a mistake, not an ordering. */
const MAX_KEYS = 16

/** Validates a user's `orderBy`; every problem is a `BadRequestError` naming the offending entry. */
export function parseOrderBy(orderBy: unknown): SortKey[] {
  if (!Array.isArray(orderBy) || orderBy.length === 0 || orderBy.length > MAX_KEYS) {
    fail(`orderBy must be an array of 1 to ${MAX_KEYS} { column, direction?, nulls? } entries`)
  }
  const seen = new Set<string>()
  return orderBy.map((entry: unknown, i): SortKey => {
    if (typeof entry !== 'object' || entry === null) fail(`orderBy[${i}] must be an object`)
    const { column, direction = 'asc', nulls, nullable } = entry as Record<string, unknown>
    if (typeof column !== 'string' || !COLUMN.test(column)) fail(`orderBy[${i}].column must be a column name like "created_at" or "p.created_at"`)
    if (seen.has(column)) fail(`orderBy[${i}].column "${column}" appears twice`)
    seen.add(column)
    if (direction !== 'asc' && direction !== 'desc') fail(`orderBy[${i}].direction must be 'asc' or 'desc'`)
    if (nulls !== undefined && nulls !== 'first' && nulls !== 'last') fail(`orderBy[${i}].nulls must be 'first' or 'last'`)
    if (nullable !== undefined && typeof nullable !== 'boolean') fail(`orderBy[${i}].nullable must be a boolean`)
    const desc = direction === 'desc'
    return { column, desc, nullsFirst: nulls === undefined ? desc : nulls === 'first', nullable }
  })
}

/** The same keys read in the opposite order (for paging backwards). */
export function reverseKeys(keys: readonly ResolvedSortKey[]): ResolvedSortKey[] {
  return keys.map((k) => ({ ...k, desc: !k.desc, nullsFirst: !k.nullsFirst }))
}

/**
 * A short fingerprint of an ordering that a cursor carries, so a cursor is refused by any other
 * ordering. FNV-1a over the canonical form: not a secret (use `secret` for that), just a binding.
 */
export function orderFingerprint(keys: readonly SortKey[]): string {
  const canonical = keys.map((k) => `${k.column}:${k.desc ? 'd' : 'a'}:${k.nullsFirst ? 'f' : 'l'}`).join(',')
  let hash = 0x811c9dc5
  for (let i = 0; i < canonical.length; i++) {
    hash ^= canonical.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash.toString(36)
}

function fail(message: string): never {
  throw new BadRequestError(`[kysera:pagination] Invalid orderBy: ${message}`, { code: 'INVALID_PAGINATION' })
}
