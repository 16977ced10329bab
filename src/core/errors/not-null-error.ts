import { DatabaseError, type DatabaseErrorOptions } from './database-error.js'

/** Fields of a {@link NotNullError}. */
export interface NotNullErrorFields {
  /** The column that received NULL (or no value and has no default). */
  column: string | undefined
  /** Its table, when known. */
  table: string | undefined
}

/** A NOT NULL column received NULL, or an insert omitted a required column without a default. */
export class NotNullError extends DatabaseError implements NotNullErrorFields {
  static override readonly kind: string = 'NotNullError'
  static override readonly defaultCode: string = 'NOT_NULL_VIOLATION'

  readonly column: string | undefined
  readonly table: string | undefined

  constructor(fields: NotNullErrorFields, options: DatabaseErrorOptions & { message?: string } = {}) {
    const col = [fields.table, fields.column].filter((p) => p !== undefined).join('.')
    super(options.message ?? `[kysera] Not-null constraint violated${col === '' ? '' : `: ${col}`}`, options)
    this.column = fields.column
    this.table = fields.table
  }

  protected override publicFields(): Record<string, unknown> {
    return { column: this.column, table: this.table }
  }
}
