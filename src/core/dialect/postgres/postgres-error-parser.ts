import { CheckConstraintError } from '../../errors/check-constraint-error.js'
import { DatabaseError } from '../../errors/database-error.js'
import { ForeignKeyError } from '../../errors/foreign-key-error.js'
import { NotNullError } from '../../errors/not-null-error.js'
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js'
import { splitColumnList, stringField } from '../error-fields.js'

/** node-postgres errors carry a five-character SQLSTATE plus server fields such as `severity`. */
export function isPostgresError(error: unknown): boolean {
  const code = stringField(error, 'code')
  return (
    code !== undefined &&
    /^[0-9A-Z]{5}$/.test(code) &&
    (stringField(error, 'severity') !== undefined || stringField(error, 'routine') !== undefined)
  )
}

/** Maps a node-postgres error (SQLSTATE + `constraint`/`table`/`column`/`detail`) to a Kysera error. */
export function parsePostgresError(error: unknown): DatabaseError {
  const code = stringField(error, 'code')
  const detail = stringField(error, 'detail')
  const constraint = stringField(error, 'constraint')
  const table = stringField(error, 'table')
  const options = { cause: error, ...(detail === undefined ? {} : { detail }) }
  switch (code) {
    case '23505':
      return new UniqueConstraintError({ constraint, table, columns: keyColumns(detail) }, options)
    case '23503':
      return new ForeignKeyError({ constraint, table, referencedTable: referencedTable(error, detail) }, options)
    case '23502':
      return new NotNullError({ column: stringField(error, 'column'), table }, options)
    case '23514':
      return new CheckConstraintError({ constraint, table }, options)
    default:
      return new DatabaseError(`[kysera] Database error (${code ?? 'unknown'}): ${messageOf(error)}`, options)
  }
}

/** `Key (a, lower(b))=(1, x) already exists.` → `['a', 'lower(b)']`. */
function keyColumns(detail: string | undefined): string[] {
  if (detail === undefined || !detail.startsWith('Key (')) return []
  const end = detail.indexOf(')=(')
  return end < 0 ? [] : splitColumnList(detail.slice('Key ('.length, end))
}

function referencedTable(error: unknown, detail: string | undefined): string | undefined {
  // Insert/update of a child row: `Key (user_id)=(9) is not present in table "users".`
  const missing = detail === undefined ? null : /is not present in table "((?:[^"]|"")+)"/.exec(detail)
  if (missing?.[1] !== undefined) return missing[1].replaceAll('""', '"')
  // Delete/update of a parent row: `update or delete on table "users" violates foreign key …`
  const parent = /^update or delete on table "((?:[^"]|"")+)"/.exec(messageOf(error))
  return parent?.[1]?.replaceAll('""', '"')
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : (stringField(error, 'message') ?? String(error))
}
