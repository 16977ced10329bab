/** Reads a string property of an unknown error object. */
export function stringField(error: unknown, key: string): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const value = (error as Record<string, unknown>)[key]
  return typeof value === 'string' ? value : undefined
}

/** Reads a number property of an unknown error object. */
export function numberField(error: unknown, key: string): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined
  const value = (error as Record<string, unknown>)[key]
  return typeof value === 'number' ? value : undefined
}

/**
 * Splits a column list such as `a, lower(b), "C"` at top-level commas, keeping expressions whole
 * and removing identifier quotes.
 */
export function splitColumnList(list: string): string[] {
  const parts: string[] = []
  let depth = 0
  let current = ''
  for (const ch of list) {
    if (ch === '(') depth++
    if (ch === ')') depth--
    if (ch === ',' && depth === 0) {
      parts.push(current)
      current = ''
    } else {
      current += ch
    }
  }
  parts.push(current)
  return parts.map((p) => unquote(p.trim())).filter((p) => p !== '')
}

/** Removes one pair of surrounding identifier quotes (`"x"`, `` `x` ``, `'x'`). */
export function unquote(identifier: string): string {
  const m = /^(["`'])(.*)\1$/.exec(identifier)
  return m ? (m[2] ?? '') : identifier
}
