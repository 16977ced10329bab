import { splitColumnList, unquote } from '../error-fields.js'

/** A named table constraint found in a SQLite `CREATE TABLE` statement. */
export interface NamedConstraint {
  name: string
  kind: 'unique' | 'primary key' | 'foreign key' | 'check'
  /** Key columns (`[]` for CHECK). */
  columns: string[]
}

const IDENT = '(?:"(?:[^"]|"")+"|`(?:[^`]|``)+`|\\[[^\\]]+\\]|[A-Za-z_][\\w$]*)'

/**
 * SQLite keeps constraint names only in the table's SQL text (its autoindexes are named
 * `sqlite_autoindex_<table>_N`), so the names users declared are read back from there.
 */
export function namedConstraints(createTableSql: string): NamedConstraint[] {
  const re = new RegExp(`constraint\\s+(${IDENT})\\s+(unique|primary\\s+key|foreign\\s+key|check)\\s*\\(`, 'gi')
  const found: NamedConstraint[] = []
  for (const m of createTableSql.matchAll(re)) {
    const kind = (m[2] ?? '').toLowerCase().replace(/\s+/g, ' ') as NamedConstraint['kind']
    const open = (m.index ?? 0) + m[0].length
    const body = balanced(createTableSql, open)
    const columns = kind === 'check' ? [] : splitColumnList(body).map((c) => unquote(c.replace(/\s+(asc|desc)$/i, '')))
    found.push({ name: unquote(m[1]?.replace(/^\[|\]$/g, '"') ?? ''), kind, columns })
  }
  return found
}

/** The text from `start` up to the parenthesis that closes the one just before it. */
function balanced(text: string, start: number): string {
  let depth = 1
  for (let i = start; i < text.length; i++) {
    if (text[i] === '(') depth++
    if (text[i] === ')' && --depth === 0) return text.slice(start, i)
  }
  return text.slice(start)
}
