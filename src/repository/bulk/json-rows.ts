import { sql, type RawBuilder } from 'kysely'

const MIN_INT64 = -(2n ** 63n)
const MAX_INT64 = 2n ** 63n - 1n
// NUL (SQLite's JSON text functions stop at it) and lone surrogates (not valid UTF-8).
const UNFAITHFUL_TEXT = /[\0\p{Cs}]/u

/** One JSON document of rows and how many rows it holds. */
export interface JsonRows {
  readonly text: string
  readonly rows: number
}

/**
 * The rows as JSON documents of arrays (`[[7.0,"a",null],…]`), each row `keys[i]` first when given,
 * then its values of `columns`; a document ends before it would pass `maxChars` characters (it holds
 * at least one row). Read back with `json_each(…)` and `value ->> i`, every value is what
 * better-sqlite3 would have bound: text, a REAL for every JS number (`3.0`, so a TEXT column stores
 * `'3.0'` as with a bound `3`), an INTEGER for a bigint, NULL. With `integerKeys` (the key column has
 * INTEGER affinity, where `1` and `1.0` are the same key) a safe-integer key is written as an integer,
 * which SQLite looks up faster. `undefined` when a value would not come back the same (a boolean,
 * Date, Buffer or SQL expression, a non-finite number, a bigint past 64 bits, text with NUL or a lone
 * surrogate); the caller then binds values one by one, which also keeps the driver's own error for a
 * value it cannot bind.
 */
export function jsonRowDocuments(
  rows: readonly Record<string, unknown>[],
  columns: readonly string[],
  keys: readonly unknown[] | undefined,
  maxChars: number,
  integerKeys = false,
): JsonRows[] | undefined {
  // One string grown row by row: no array of 10,000 row texts to join and collect.
  const out: JsonRows[] = []
  let text = ''
  let count = 0
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as Record<string, unknown>
    let item = '['
    if (keys !== undefined) {
      const key = keys[r]
      const value = integerKeys && Number.isSafeInteger(key) ? String(key) : jsonValue(key)
      if (value === undefined) return undefined
      item += columns.length === 0 ? value : `${value},`
    }
    for (let c = 0; c < columns.length; c++) {
      const value = jsonValue(row[columns[c] as string])
      if (value === undefined) return undefined
      item += c === 0 ? value : `,${value}`
    }
    item += ']'
    if (count > 0 && text.length + item.length + 2 > maxChars) {
      out.push({ text: `${text}]`, rows: count })
      text = ''
      count = 0
    }
    text += count === 0 ? `[${item}` : `,${item}`
    count++
  }
  if (count > 0) out.push({ text: `${text}]`, rows: count })
  return out
}

/** The values as one JSON array (`[1.0,"a"]`), each as {@link jsonRowDocuments} writes a value; `undefined` likewise. */
export function jsonList(values: readonly unknown[]): string | undefined {
  const texts = new Array<string>(values.length)
  for (let i = 0; i < values.length; i++) {
    const text = jsonValue(values[i])
    if (text === undefined) return undefined
    texts[i] = text
  }
  return `[${texts.join(',')}]`
}

/** `select value ->> 0 as a, value ->> 1 as b from json_each(?)`, the rows of the JSON document `text` as a table. */
export function jsonEachRows(text: string, names: readonly string[]): RawBuilder<unknown> {
  // The names are column names checked against the catalogue, or Kysera's own; quoted all the same.
  const projections = sql.join(names.map((name, i) => sql`value ->> ${sql.lit(i)} as ${sql.id(name)}`))
  return sql`select ${projections} from json_each(${text})`
}

function jsonValue(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string': {
      // JSON.stringify writes NUL and lone surrogates as `\u…` escapes: only such text needs the test.
      const text = JSON.stringify(value)
      return text.includes('\\u') && UNFAITHFUL_TEXT.test(value) ? undefined : text
    }
    case 'number':
      if (!Number.isFinite(value)) return undefined
      if (Object.is(value, -0)) return '-0.0'
      // `1e21` and up print with an exponent, which JSON (and SQLite) already read as REAL.
      return Number.isInteger(value) && Math.abs(value) < 1e21 ? `${value}.0` : String(value)
    case 'bigint':
      return value >= MIN_INT64 && value <= MAX_INT64 ? String(value) : undefined
    case 'object':
      return value === null ? 'null' : undefined
    default:
      return undefined
  }
}
