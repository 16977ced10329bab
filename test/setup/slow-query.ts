// A query that takes a while on each dialect, for slow-query, timeout and shutdown tests.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { detectDialect } from '../../src/core/index.js'
import type { AnyDB } from './test-database.js'

/**
 * Sleeps `seconds` on the server (PostgreSQL `pg_sleep`, MySQL `SLEEP`). SQLite cannot sleep, so it
 * calls `kysera_test_sleep`, a busy wait the test databases register, which blocks the event loop
 * while it runs, as every better-sqlite3 call does.
 */
export function slowQuery(db: Kysely<AnyDB>, seconds: number): RawBuilder<{ done: number }> {
  switch (detectDialect(db)) {
    case 'postgres':
      return sql<{ done: number }>`select 1 as done from pg_sleep(${seconds})`
    case 'mysql':
      return sql<{ done: number }>`select 1 + sleep(${seconds}) as done`
    case 'sqlite':
      return sql<{ done: number }>`select kysera_test_sleep(${seconds * 1000}) as done`
  }
}
