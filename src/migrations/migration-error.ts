import { DatabaseError, type DatabaseErrorOptions } from '../core/index.js'

/**
 * A migration failed (`code: 'MIGRATION_FAILED'`), or the runner could not start (`MIGRATION_LOCK_TIMEOUT`,
 * `MIGRATION_NOT_REVERSIBLE`). `migration` names it; `cause` is what it threw.
 */
export class MigrationError extends DatabaseError {
  static override readonly kind: string = 'MigrationError'
  static override readonly defaultCode: string = 'MIGRATION_FAILED'

  readonly migration: string | undefined
  readonly direction: 'up' | 'down' | undefined

  constructor(message: string, fields: { migration?: string; direction?: 'up' | 'down' }, options: DatabaseErrorOptions = {}) {
    super(message, options)
    this.migration = fields.migration
    this.direction = fields.direction
  }

  protected override publicFields(): Record<string, unknown> {
    return { migration: this.migration, direction: this.direction }
  }
}
