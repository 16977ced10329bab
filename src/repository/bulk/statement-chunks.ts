/**
 * Rough upper bound of the bytes one statement may carry. MySQL refuses a packet larger than
 * `max_allowed_packet` (16 MiB by default on MariaDB, 64 MiB on MySQL 8); staying far below it also
 * keeps any single statement's parse and lock time short on every dialect.
 */
export const MAX_STATEMENT_BYTES = 4 * 1024 * 1024

/** Consecutive rows with the same set of keys, so each multi-row statement lists the same columns. */
export function groupByColumns(rows: readonly Record<string, unknown>[]): { columns: string[]; rows: Record<string, unknown>[]; start: number }[] {
  const groups: { columns: string[]; rows: Record<string, unknown>[]; start: number }[] = []
  let signature: string | undefined
  for (const [index, row] of rows.entries()) {
    const columns = Object.keys(row).sort()
    const next = columns.join('\u0000')
    if (next !== signature) {
      groups.push({ columns, rows: [], start: index })
      signature = next
    }
    groups.at(-1)?.rows.push(row)
  }
  return groups
}

/**
 * Splits rows into statements that stay under the dialect's bind-parameter limit and
 * {@link MAX_STATEMENT_BYTES}. `paramsPerRow` counts every parameter one row adds.
 */
export function statementChunks<T>(rows: readonly T[], paramsPerRow: number, maxParams: number, size: (row: T) => number): T[][] {
  const rowsByParams = Math.max(1, Math.floor(maxParams / Math.max(1, paramsPerRow)))
  const out: T[][] = []
  let current: T[] = []
  let bytes = 0
  for (const row of rows) {
    const rowBytes = size(row)
    if (current.length > 0 && (current.length >= rowsByParams || bytes + rowBytes > MAX_STATEMENT_BYTES)) {
      out.push(current)
      current = []
      bytes = 0
    }
    current.push(row)
    bytes += rowBytes
  }
  if (current.length > 0) out.push(current)
  return out
}

/** An estimate of the bytes a row's values take on the wire (strings counted as 4 bytes per character). */
export function approximateBytes(values: Iterable<unknown>): number {
  let bytes = 0
  for (const value of values) {
    if (typeof value === 'string') bytes += value.length * 4 + 8
    else if (value instanceof Uint8Array) bytes += value.byteLength + 8
    else if (value !== null && typeof value === 'object') bytes += JSON.stringify(value).length * 4 + 8
    else bytes += 16
  }
  return bytes
}
