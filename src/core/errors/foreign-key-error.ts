import { DatabaseError, type DatabaseErrorOptions } from './database-error.js'

/** Fields of a {@link ForeignKeyError}. */
export interface ForeignKeyErrorFields {
  /** Foreign-key constraint name, when the database names it. */
  constraint: string | undefined
  /** The referencing table (the one that declares the foreign key), when known. */
  table: string | undefined
  /** The referenced (parent) table, when known. */
  referencedTable: string | undefined
}

/**
 * A foreign-key constraint was violated: an insert or update pointed at a missing parent row, or a
 * delete removed a row that is still referenced.
 */
export class ForeignKeyError extends DatabaseError implements ForeignKeyErrorFields {
  static override readonly kind: string = 'ForeignKeyError'
  static override readonly defaultCode: string = 'FOREIGN_KEY_VIOLATION'

  readonly constraint: string | undefined
  readonly table: string | undefined
  readonly referencedTable: string | undefined

  constructor(fields: ForeignKeyErrorFields, options: DatabaseErrorOptions & { message?: string } = {}) {
    const name = fields.constraint === undefined ? '' : `: ${fields.constraint}`
    const from = fields.table === undefined ? '' : ` on ${fields.table}`
    const to = fields.referencedTable === undefined ? '' : ` referencing ${fields.referencedTable}`
    super(options.message ?? `[kysera] Foreign key constraint violated${name}${from}${to}`, options)
    this.constraint = fields.constraint
    this.table = fields.table
    this.referencedTable = fields.referencedTable
  }

  protected override publicFields(): Record<string, unknown> {
    return { constraint: this.constraint, table: this.table, referencedTable: this.referencedTable }
  }
}
