/** Consecutive rows with the same set of keys, so each multi-row statement lists the same columns. */
export function groupByColumns(rows: readonly Record<string, unknown>[]): { columns: string[]; rows: Record<string, unknown>[]; start: number }[] {
  const groups: { columns: string[]; rows: Record<string, unknown>[]; start: number }[] = []
  let current: { columns: string[]; rows: Record<string, unknown>[]; start: number } | undefined
  for (const [index, row] of rows.entries()) {
    // Key order matters only for grouping: rows built by the same code list their keys in the same order.
    if (current === undefined || !sameKeys(row, current.columns)) {
      current = { columns: Object.keys(row), rows: [], start: index }
      groups.push(current)
    }
    current.rows.push(row)
  }
  return groups
}

/** Whether `row` has exactly `columns` as keys, in that order (no array or string built per row). */
function sameKeys(row: Record<string, unknown>, columns: readonly string[]): boolean {
  let i = 0
  for (const key in row) {
    if (key !== columns[i]) return false
    i++
  }
  return i === columns.length
}

/**
 * Splits rows into statements that stay under `maxParams` bound parameters and `maxBytes` of values.
 * `paramsPerRow` counts every parameter one row adds.
 */
export function statementChunks<T>(rows: readonly T[], paramsPerRow: number, maxParams: number, maxBytes: number, size: (row: T) => number): T[][] {
  // paramsPerRow 0: the statement binds whole columns (arrays), so rows do not add parameters.
  const rowsByParams = paramsPerRow === 0 ? Number.POSITIVE_INFINITY : Math.max(1, Math.floor(maxParams / paramsPerRow))
  const out: T[][] = []
  let current: T[] = []
  let bytes = 0
  for (const row of rows) {
    const rowBytes = size(row)
    if (current.length > 0 && (current.length >= rowsByParams || bytes + rowBytes > maxBytes)) {
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
export function approximateBytes(row: Record<string, unknown>): number {
  let bytes = 0
  for (const key in row) {
    const value = row[key]
    if (typeof value === 'string') bytes += value.length * 4 + 8
    else if (value instanceof Uint8Array) bytes += value.byteLength + 8
    else if (value !== null && typeof value === 'object') bytes += JSON.stringify(value).length * 4 + 8
    else bytes += 16
  }
  return bytes
}
