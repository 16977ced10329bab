import { unquote } from './error-fields.js'

/**
 * The table an INSERT / UPDATE / DELETE / REPLACE statement writes to, read from its first keyword.
 * Used only as a last hint to complete an error's `table` (mysql2 attaches the statement to its
 * errors); never to decide behaviour or the dialect.
 */
export function statementTarget(statement: string | undefined): string | undefined {
  if (statement === undefined) return undefined
  const ident = '(`(?:[^`]|``)+`|"(?:[^"]|"")+"|[A-Za-z_][\\w$]*)'
  const m = new RegExp(
    `^\\s*(?:insert\\s+(?:ignore\\s+)?into|replace\\s+into|update|delete\\s+from)\\s+(?:${ident}\\.)?${ident}`,
    'i',
  ).exec(statement)
  return m?.[2] === undefined ? undefined : unquote(m[2])
}
