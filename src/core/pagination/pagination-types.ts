import type { Executor } from '../dialect/dialect.js'

/** Options of {@link paginate}. */
export interface PaginateOptions {
  /** 1-based page number. Default 1. */
  page?: number
  /** Rows per page, 1…`maxLimit`. Default 20. */
  limit?: number
  /** Largest `limit` accepted; a larger one is a `BadRequestError`. Default 1000. */
  maxLimit?: number
}

/** Page metadata of an offset page. */
export interface OffsetPagination {
  page: number
  limit: number
  /** Rows the whole query returns (right for GROUP BY and DISTINCT queries). */
  total: number
  /** `ceil(total / limit)`; 0 for an empty result. */
  totalPages: number
  hasNext: boolean
  hasPrev: boolean
}

/** What {@link paginate} returns. */
export interface PaginatedResult<T> {
  data: T[]
  pagination: OffsetPagination
}

/** One sort key of a keyset page. */
export interface CursorOrderBy<C extends string = string> {
  /** A column of the query, optionally qualified by table or alias (`created_at`, `p.created_at`). */
  column: C
  /** Default `'asc'`. */
  direction?: 'asc' | 'desc'
  /** Where NULLs go. Default: `'last'` for `asc`, `'first'` for `desc`, the same on every dialect. */
  nulls?: 'first' | 'last'
  /**
   * Whether the column can hold NULL. Default: read once from the catalogue for columns of tables in
   * FROM / JOIN (columns of outer-joined tables count as nullable); assumed nullable when unknown.
   * NOT NULL columns get a plain ORDER BY and seek predicate that the database answers from an index.
   */
  nullable?: boolean
}

/** Options of {@link paginateCursor}. */
export interface PaginateCursorOptions<C extends string = string> {
  /**
   * The Kysely instance or transaction the query was built from. Kysely keeps a query builder's
   * executor private, so Kysera needs it to read the dialect adapter (never guessed from SQL).
   */
  db: Executor
  /** Sort keys, most significant first. The last one should be unique (a primary key). */
  orderBy: readonly CursorOrderBy<C>[]
  /** Return the page after this cursor (a `nextCursor`). */
  cursor?: string
  /** Return the page before this cursor (a `prevCursor`). Not together with `cursor`. */
  before?: string
  /** Rows per page, 1…`maxLimit`. Default 20. */
  limit?: number
  /** Largest `limit` accepted. Default 1000. */
  maxLimit?: number
  /** When set, cursors are HMAC-SHA-256 signed with it and unsigned or tampered cursors are rejected. */
  secret?: string
}

/** Page metadata of a keyset page. */
export interface CursorPagination {
  limit: number
  hasNext: boolean
  hasPrev: boolean
  /** Pass as `cursor` for the next page; set when `hasNext`. */
  nextCursor?: string
  /** Pass as `before` for the previous page; set on every page but the first. */
  prevCursor?: string
}

/** What {@link paginateCursor} returns. */
export interface CursorPaginatedResult<T> {
  data: T[]
  pagination: CursorPagination
}
