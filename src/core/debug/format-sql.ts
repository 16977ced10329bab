// A small, dialect-neutral SQL pretty-printer for logs. It never changes what the SQL means: string
// literals, quoted identifiers and comments are copied byte for byte, and only whitespace outside them
// is rewritten.

/** Clauses that start a new line, longest first so `left join` wins over `join`. */
const CLAUSES = /* @__PURE__ */ [
  'on duplicate key update',
  'insert into',
  'delete from',
  'union all',
  'group by',
  'order by',
  'left join',
  'right join',
  'inner join',
  'full join',
  'cross join',
  'on conflict',
  'select',
  'from',
  'where',
  'having',
  'limit',
  'offset',
  'join',
  'union',
  'intersect',
  'except',
  'values',
  'update',
  'set',
  'returning',
  'with',
].map((clause) => clause.split(' '))

interface Token {
  kind: 'word' | 'verbatim' | 'open' | 'close' | 'other'
  text: string
  /** Whether whitespace preceded the token in the input. */
  spaceBefore: boolean
}

/**
 * Lays out SQL one clause per line, indenting subqueries, for logs and error reports.
 *
 * @example
 * ```ts
 * formatSQL('select "id" from "users" where "age" > $1 order by "id"')
 * // select "id"
 * // from "users"
 * // where "age" > $1
 * // order by "id"
 * ```
 */
export function formatSQL(sql: string): string {
  const tokens = tokenize(sql)
  const lines: string[] = []
  let line = ''
  let depth = 0
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token
    const previous = tokens[i - 1]
    const clause = token.kind === 'word' && previous?.text !== '.' ? clauseLength(tokens, i) : 0
    if (clause > 0 || previous?.text.startsWith('--') === true) {
      // A line comment runs to the end of its line, so whatever follows it must start a new one.
      if (line.trim() !== '') lines.push(line.trimEnd())
      line = '  '.repeat(depth)
      if (clause > 0) {
        line += tokens.slice(i, i + clause).map((t) => t.text).join(' ')
        i += clause - 1
        continue
      }
    }
    if (token.kind === 'open') depth++
    if (token.kind === 'close') depth = Math.max(0, depth - 1)
    // Spacing between tokens is kept as it was (one space or none), so `::`, `->>` and `a.b` survive.
    line += token.spaceBefore && line.trim() !== '' ? ` ${token.text}` : token.text
  }
  if (line.trim() !== '') lines.push(line.trimEnd())
  return lines.join('\n')
}

/** Number of words of the clause starting at token `i`, or 0. */
function clauseLength(tokens: readonly Token[], i: number): number {
  for (const words of CLAUSES) {
    let j = i
    let matched = 0
    while (matched < words.length && j < tokens.length) {
      const t = tokens[j] as Token
      if (t.kind !== 'word' || t.text.toLowerCase() !== words[matched]) break
      matched++
      j++
    }
    if (matched === words.length) return matched
  }
  return 0
}

function tokenize(sql: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  let spaceBefore = false
  while (i < sql.length) {
    const c = sql[i] as string
    if (/\s/.test(c)) {
      spaceBefore = true
      i++
      continue
    }
    const end = verbatimEnd(sql, i)
    if (end !== undefined) {
      tokens.push({ kind: 'verbatim', text: sql.slice(i, end), spaceBefore })
      i = end
    } else if (/[\w$]/.test(c)) {
      let j = i + 1
      while (j < sql.length && /[\w$]/.test(sql[j] as string)) j++
      tokens.push({ kind: 'word', text: sql.slice(i, j), spaceBefore })
      i = j
    } else {
      tokens.push({ kind: c === '(' ? 'open' : c === ')' ? 'close' : 'other', text: c, spaceBefore })
      i++
    }
    spaceBefore = false
  }
  return tokens
}

/** End of a string literal, quoted identifier or comment starting at `i`, or `undefined`. */
function verbatimEnd(sql: string, i: number): number | undefined {
  const c = sql[i]
  if (c === "'" || c === '"' || c === '`') {
    let j = i + 1
    while (j < sql.length) {
      if (sql[j] === '\\' && c === "'") j += 2
      else if (sql[j] === c && sql[j + 1] === c) j += 2
      else if (sql[j] === c) return j + 1
      else j++
    }
    return sql.length
  }
  if (c === '-' && sql[i + 1] === '-') {
    const newline = sql.indexOf('\n', i)
    return newline === -1 ? sql.length : newline
  }
  if (c === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2)
    return close === -1 ? sql.length : close + 2
  }
  return undefined
}
