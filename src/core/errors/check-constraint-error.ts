import { DatabaseError, type DatabaseErrorOptions } from './database-error.js'

/** Fields of a {@link CheckConstraintError}. */
export interface CheckConstraintErrorFields {
  /** The CHECK constraint's name (SQLite reports the expression when the check is unnamed). */
  constraint: string | undefined
  /** Its table, when known. */
  table: string | undefined
}

/** A CHECK constraint rejected a row. */
export class CheckConstraintError extends DatabaseError implements CheckConstraintErrorFields {
  static override readonly kind: string = 'CheckConstraintError'
  static override readonly defaultCode: string = 'CHECK_VIOLATION'

  readonly constraint: string | undefined
  readonly table: string | undefined

  constructor(fields: CheckConstraintErrorFields, options: DatabaseErrorOptions & { message?: string } = {}) {
    const name = fields.constraint === undefined ? '' : `: ${fields.constraint}`
    const on = fields.table === undefined ? '' : ` on ${fields.table}`
    super(options.message ?? `[kysera] Check constraint violated${name}${on}`, options)
    this.constraint = fields.constraint
    this.table = fields.table
  }

  protected override publicFields(): Record<string, unknown> {
    return { constraint: this.constraint, table: this.table }
  }
}
