/** One executed query, as {@link withDebug} records it. */
export interface QueryMetric {
  /** The SQL exactly as the dialect sent it (`$1` placeholders on PostgreSQL, `?` on MySQL and SQLite). */
  readonly sql: string
  /** Bound parameters; empty unless `logParams` is on, so row values stay out of metrics by default. */
  readonly params: readonly unknown[]
  /** Milliseconds from Kysely handing the query to the executor until its result arrived (includes waiting for a pooled connection). */
  readonly duration: number
  /** When the query started, in milliseconds since the epoch. */
  readonly timestamp: number
}
