import type { DatabaseError, DatabaseErrorOptions } from '../errors/database-error.js'
import { ColumnNullabilityCache } from './column-nullability-cache.js'
import type { KyseraDialectAdapter } from './dialect-adapter.js'
import type { Dialect, Executor } from './dialect.js'
import type { ErrorHints } from './error-hints.js'
import { ERROR_PARSERS } from './error-parsers.js'

/**
 * What every dialect adapter shares: error parsing through the dialect's stateless parser, and one
 * cached catalogue read per table for column nullability. Subclasses state their capabilities and
 * how to read the catalogue.
 */
export abstract class BaseKyseraAdapter implements KyseraDialectAdapter {
  abstract readonly dialect: Dialect
  abstract readonly supportsReturning: boolean
  abstract readonly supportsTransactionalDdl: boolean
  abstract readonly rowValueSeekUsesIndex: boolean
  abstract readonly maxBindParameters: number
  abstract readonly nullsOrdering: 'clause' | 'expression'
  abstract readonly cursorTextType: 'text' | 'char' | undefined

  readonly #nullability = new ColumnNullabilityCache((executor, table, schema) => this.loadNullability(executor, table, schema))

  recognizesError(error: unknown): boolean {
    return ERROR_PARSERS[this.dialect].recognizes(error)
  }

  parseError(error: unknown): DatabaseError {
    return ERROR_PARSERS[this.dialect].parse(error)
  }

  columnNullability(executor: Executor, table: string, schema?: string): Promise<ReadonlyMap<string, boolean>> {
    return this.#nullability.get(executor, table, schema)
  }

  abstract resolveError(executor: Executor, parsed: DatabaseError, error: unknown, hints: ErrorHints): Promise<DatabaseError>

  /** Reads which columns of `table` may be NULL from the catalogue (uncached; see `columnNullability`). */
  protected abstract loadNullability(executor: Executor, table: string, schema: string | undefined): Promise<Map<string, boolean>>
}

/** `cause` and `detail` of an error, to carry over into the completed error that replaces it. */
export function carriedOptions(parsed: DatabaseError): DatabaseErrorOptions {
  return { cause: parsed.cause, ...(parsed.detail === undefined ? {} : { detail: parsed.detail }) }
}
