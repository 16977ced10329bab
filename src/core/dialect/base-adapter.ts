import type { DatabaseError, DatabaseErrorOptions } from '../errors/database-error.js'
import { TableColumnsCache, type ColumnInfo } from './table-columns-cache.js'
import type { DdlTypes, KyseraDialectAdapter } from './dialect-adapter.js'
import type { Dialect, Executor } from './dialect.js'
import type { ErrorHints } from './error-hints.js'
import { ERROR_PARSERS } from './error-parsers.js'
import { SCHEMA_BASICS } from './schema-basics.js'

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
  readonly opaqueValuePrefix: '' | '+' = ''
  readonly negation: 'not' | 'if' = 'not'
  readonly anonymousPlaceholders: boolean = true
  abstract readonly maxBindParameters: number
  abstract readonly nullsOrdering: 'clause' | 'expression'
  abstract readonly cursorTextType: 'text' | 'char' | undefined
  abstract exactInDriver(type: string): boolean
  abstract readonly bulkInsertForm: 'unnest' | 'values'
  abstract readonly bulkUpdateForm: 'unnest' | 'values-cte' | 'join-derived-table' | 'statement-per-row'
  abstract readonly maxStatementBytes: number
  abstract readonly upsertForm: 'on-conflict' | 'on-duplicate-key'
  abstract readonly supportsForUpdate: boolean
  readonly migrationLockIsTransaction: boolean = false
  abstract listTables(executor: Executor): Promise<string[]>
  abstract foreignKeyPairs(executor: Executor): Promise<{ table: string; references: string }[]>
  abstract truncateTables(connection: Executor, tables: readonly string[]): Promise<void>
  abstract resetAutoIncrement(connection: Executor, table: string): Promise<void>

  withoutForeignKeyChecks<T>(_connection: Executor, fn: () => Promise<T>): Promise<T> {
    return fn()
  }

  abstract acquireMigrationLock(connection: Executor, name: string, timeoutMs: number): Promise<boolean>
  abstract releaseMigrationLock(connection: Executor, name: string): Promise<void>

  readonly #columns = new TableColumnsCache((executor, table, schema) => this.loadColumns(executor, table, schema))

  recognizesError(error: unknown): boolean {
    return ERROR_PARSERS[this.dialect].recognizes(error)
  }

  parseError(error: unknown): DatabaseError {
    return ERROR_PARSERS[this.dialect].parse(error)
  }

  // Dialects with RETURNING never infer ids; MySQL overrides this with what its server says.
  autoIncrementAllocation(_executor: Executor): Promise<{ consecutive: boolean; increment: number }> {
    return Promise.resolve({ consecutive: true, increment: 1 })
  }

  // Only the MySQL adapter joins a derived table of rows; it overrides this with what its server has.
  derivedRowsForm(_executor: Executor): Promise<'values' | 'union-all'> {
    return Promise.resolve('values')
  }

  jsonRowSource(_executor: Executor): Promise<boolean> {
    return Promise.resolve(false)
  }

  timestampValue(date: Date): unknown {
    return date
  }

  isoTimestamp(date: Date): string {
    return date.toISOString()
  }

  get ddlTypes(): DdlTypes {
    return SCHEMA_BASICS[this.dialect].ddlTypes
  }

  tablesWithColumn(executor: Executor, column: string): Promise<string[]> {
    return SCHEMA_BASICS[this.dialect].tablesWithColumn(executor, column)
  }

  tableColumns(executor: Executor, table: string, schema?: string): Promise<ReadonlyMap<string, ColumnInfo>> {
    return this.#columns.get(executor, table, schema)
  }

  knownColumns(table: string, schema?: string): ReadonlyMap<string, ColumnInfo> | undefined {
    return this.#columns.known(table, schema)
  }

  abstract resolveError(executor: Executor, parsed: DatabaseError, error: unknown, hints: ErrorHints): Promise<DatabaseError>

  /** Reads the columns of `table` from the catalogue, in table order (uncached; see `tableColumns`). */
  protected abstract loadColumns(executor: Executor, table: string, schema: string | undefined): Promise<Map<string, ColumnInfo>>
}

/** `cause` and `detail` of an error, to carry over into the completed error that replaces it. */
export function carriedOptions(parsed: DatabaseError): DatabaseErrorOptions {
  return { cause: parsed.cause, ...(parsed.detail === undefined ? {} : { detail: parsed.detail }) }
}
