import { CheckConstraintError } from '../../errors/check-constraint-error.js'
import { DatabaseError } from '../../errors/database-error.js'
import { ForeignKeyError } from '../../errors/foreign-key-error.js'
import { NotNullError } from '../../errors/not-null-error.js'
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js'
import { stringField } from '../error-fields.js'

/** better-sqlite3 throws `SqliteError` with an extended result code such as `SQLITE_CONSTRAINT_UNIQUE`. */
export function isSqliteError(error: unknown): boolean {
  return stringField(error, 'code')?.startsWith('SQLITE_') ?? false
}

/**
 * Maps a better-sqlite3 error to a Kysera error from its extended code and message. SQLite names table
 * and columns (`UNIQUE constraint failed: users.a, users.b`) but not the constraint, and says nothing
 * at all about a foreign key; `resolveDatabaseError` fills those from the schema.
 */
export function parseSqliteError(error: unknown): DatabaseError {
  const code = stringField(error, 'code') ?? ''
  const message = stringField(error, 'message') ?? ''
  const options = { cause: error, detail: message }
  switch (code) {
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case 'SQLITE_CONSTRAINT_PRIMARYKEY': {
      const list = /constraint failed: (.*)$/.exec(message)?.[1] ?? ''
      // A unique expression index is reported by name: `UNIQUE constraint failed: index 'u_lower'`.
      const index = /^index '((?:[^']|'')+)'$/.exec(list)?.[1]
      if (index !== undefined) return new UniqueConstraintError({ constraint: index, table: undefined, columns: [] }, options)
      const cols = list.split(', ').map(splitQualified)
      return new UniqueConstraintError(
        { constraint: undefined, table: cols[0]?.table, columns: cols.map((c) => c.column) },
        options,
      )
    }
    case 'SQLITE_CONSTRAINT_NOTNULL': {
      const { table, column } = splitQualified(/constraint failed: (.*)$/.exec(message)?.[1] ?? '')
      return new NotNullError({ table, column }, options)
    }
    case 'SQLITE_CONSTRAINT_CHECK':
      return new CheckConstraintError({ constraint: /constraint failed: (.*)$/.exec(message)?.[1], table: undefined }, options)
    case 'SQLITE_CONSTRAINT_FOREIGNKEY':
      return new ForeignKeyError({ constraint: undefined, table: undefined, referencedTable: undefined }, options)
    default:
      return new DatabaseError(`[kysera] Database error (${code || 'unknown'}): ${message}`, options)
  }
}

function splitQualified(name: string): { table: string | undefined; column: string } {
  const dot = name.indexOf('.')
  return dot < 0 ? { table: undefined, column: name } : { table: name.slice(0, dot), column: name.slice(dot + 1) }
}
