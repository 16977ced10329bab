import { DatabaseError, type DatabaseErrorOptions } from './database-error.js'

/** Fields of a {@link UniqueConstraintError}. */
export interface UniqueConstraintErrorFields {
  /** Constraint or index name; `undefined` when the database does not say (SQLite, before resolution). */
  constraint: string | undefined
  /** Table holding the constraint, when known. */
  table: string | undefined
  /** The real column names of the unique key, in index order. */
  columns: string[]
}

/**
 * A unique or primary-key constraint was violated.
 *
 * @example
 * ```ts
 * if (isUniqueConstraintError(e) && e.columns.includes('email')) return reply.code(409)
 * ```
 */
export class UniqueConstraintError extends DatabaseError implements UniqueConstraintErrorFields {
  static override readonly kind: string = 'UniqueConstraintError'
  static override readonly defaultCode: string = 'UNIQUE_VIOLATION'

  readonly constraint: string | undefined
  readonly table: string | undefined
  readonly columns: string[]

  constructor(fields: UniqueConstraintErrorFields, options: DatabaseErrorOptions & { message?: string } = {}) {
    super(options.message ?? describe('Unique constraint violated', fields), options)
    this.constraint = fields.constraint
    this.table = fields.table
    this.columns = [...fields.columns]
  }

  protected override publicFields(): Record<string, unknown> {
    return { constraint: this.constraint, table: this.table, columns: this.columns }
  }
}

function describe(what: string, f: UniqueConstraintErrorFields): string {
  const where = f.table === undefined ? '' : ` on ${f.table}`
  const cols = f.columns.length > 0 ? ` (${f.columns.join(', ')})` : ''
  const name = f.constraint === undefined ? '' : `: ${f.constraint}`
  return `[kysera] ${what}${name}${where}${cols}`
}
