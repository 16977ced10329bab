import type { Insertable, Selectable, Transaction, Updateable } from 'kysely'
import type { CursorPaginatedResult, Executor, PaginatedResult } from '../core/index.js'
import type { InferInput, InferOutput, StandardSchemaV1 } from './validation/standard-schema.js'
import type { ValidationMode } from './validation/validation-mode.js'
import type { Where } from './where/where-types.js'

/** Validators of a repository; any Standard Schema v1 validator (zod 4, valibot, arktype). */
export interface RepositorySchemas {
  /** Validates `create`, `bulkCreate` and `upsert` input. */
  create?: StandardSchemaV1
  /** Validates `update` and `bulkUpdate` input. Default: `create.partial()` when the create schema has it (zod). */
  update?: StandardSchemaV1
  /** Validates rows read from the database, when result validation is on (see `validateDbResults`). */
  entity?: StandardSchemaV1
}

/** Configuration of one repository. */
export interface RepositoryConfig<DB, TB extends keyof DB & string, S extends RepositorySchemas, Entity> {
  /** The table. */
  tableName: TB
  /** Primary-key column (numeric auto-increment or a string such as a uuid). Default `'id'`. */
  primaryKey?: keyof DB[TB] & string
  schemas?: S
  /** Maps each row (after entity validation) to what the repository returns. */
  mapRow?: (row: Selectable<DB[TB]>) => Entity
  /**
   * Validate database rows against `schemas.entity`: a boolean or a {@link ValidationMode}. Default: from
   * `KYSERA_VALIDATION_MODE`, then the legacy `KYSERA_VALIDATE` / `VALIDATE_DB_RESULTS`, then
   * `NODE_ENV === 'development'`.
   */
  validateDbResults?: boolean | ValidationMode
  /**
   * The table's columns. Default: read once from the catalogue. Filters, orderings and input keys are
   * checked against them.
   */
  columns?: readonly (keyof DB[TB] & string)[]
}

/** A primary-key value. */
export type PrimaryKeyValue = string | number | bigint

/** The create input: the create schema's input type, or Kysely's `Insertable` of the table. */
export type CreateInputOf<DB, TB extends keyof DB, S> = S extends { create: infer C } ? InferInput<C> : Insertable<DB[TB]>

/** The update input: the update schema's input type, a partial create input, or Kysely's `Updateable`. */
export type UpdateInputOf<DB, TB extends keyof DB, S> = S extends { update: infer U }
  ? InferInput<U>
  : S extends { create: infer C }
    ? Partial<InferInput<C>>
    : Updateable<DB[TB]>

/** What a repository returns for a row: `mapRow`'s result, the entity schema's output, or the selected row. */
export type EntityOf<DB, TB extends keyof DB, S> = S extends { entity: infer E } ? InferOutput<E> : Selectable<DB[TB]>

/** Sorting for `find` and `paginate`. */
export interface OrderBy<Row> {
  column: keyof Row & string
  direction?: 'asc' | 'desc'
}

/** Options of `find`. */
export interface FindOptions<Row> {
  where?: Where<Row>
  orderBy?: OrderBy<Row> | readonly OrderBy<Row>[]
  limit?: number
  offset?: number
}

/** Options of a repository's `paginate`. */
export interface RepositoryPaginateOptions<Row> {
  page?: number
  limit?: number
  where?: Where<Row>
  /** Default: the primary key, ascending. */
  orderBy?: OrderBy<Row> | readonly OrderBy<Row>[]
}

/** Options of a repository's `paginateCursor`. The primary key is appended as the tie-breaker. */
export interface RepositoryCursorOptions<Row> {
  orderBy: readonly { column: keyof Row & string; direction?: 'asc' | 'desc'; nulls?: 'first' | 'last' }[]
  cursor?: string
  before?: string
  limit?: number
  maxLimit?: number
  secret?: string
  where?: Where<Row>
}

/** One item of `bulkUpdate`. */
export interface BulkUpdateItem<Update> {
  id: PrimaryKeyValue
  data: Update
}

/** Options of `upsert`. */
export interface UpsertOptions<Row> {
  /** Columns of the unique constraint that decides between insert and update. */
  conflictColumns: readonly (keyof Row & string)[]
}

/** A repository (DESIGN §4.2). */
export interface Repository<DB, TB extends keyof DB & string, Entity, Create, Update> {
  readonly tableName: TB
  readonly primaryKey: string
  /** The Kysely instance or transaction this repository runs on. */
  readonly executor: Executor<DB>
  /** The row with this primary key, or `null`. */
  findById(id: PrimaryKeyValue): Promise<Entity | null>
  /** The rows with these keys, in the order of `ids` (missing ones left out). */
  findByIds(ids: readonly PrimaryKeyValue[]): Promise<Entity[]>
  findAll(): Promise<Entity[]>
  find(options?: FindOptions<Selectable<DB[TB]>>): Promise<Entity[]>
  /** The first matching row (by primary key), or `null`. */
  findOne(where: Where<Selectable<DB[TB]>>): Promise<Entity | null>
  count(where?: Where<Selectable<DB[TB]>>): Promise<number>
  exists(where: Where<Selectable<DB[TB]>>): Promise<boolean>
  create(input: Create): Promise<Entity>
  /** Inserts every row (one statement per chunk) and returns them in input order; all or nothing. */
  bulkCreate(inputs: readonly Create[]): Promise<Entity[]>
  /** Throws `NotFoundError` when no row has this key. */
  update(id: PrimaryKeyValue, input: Update): Promise<Entity>
  /** A different change per row, set-based; all or nothing (`NotFoundError` when an id is missing). */
  bulkUpdate(items: readonly BulkUpdateItem<Update>[]): Promise<Entity[]>
  /** Whether a row was deleted. */
  delete(id: PrimaryKeyValue): Promise<boolean>
  /** Deletes every id or none (`NotFoundError` when one is missing); returns how many were deleted. */
  bulkDelete(ids: readonly PrimaryKeyValue[]): Promise<number>
  upsert(input: Create, options: UpsertOptions<Selectable<DB[TB]>>): Promise<Entity>
  paginate(options?: RepositoryPaginateOptions<Selectable<DB[TB]>>): Promise<PaginatedResult<Entity>>
  paginateCursor(options: RepositoryCursorOptions<Selectable<DB[TB]>>): Promise<CursorPaginatedResult<Entity>>
  /** Runs `fn` in a transaction (a savepoint when already in one) with this repository bound to it. */
  transaction<T>(fn: (repository: this) => Promise<T>): Promise<T>
  /** This repository, bound to `trx` (same configuration and plugins). */
  withTransaction(trx: Transaction<DB>): this
}
