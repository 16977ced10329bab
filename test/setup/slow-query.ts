// A query that takes a while on each dialect, for slow-query, timeout and shutdown tests.
import { sql, type Kysely, type RawBuilder } from 'kysely'
import { detectDialect } from '../../src/core/index.js'
import type { AnyDB } from './test-database.js'

/**
 * Sleeps `seconds` on the server (PostgreSQL `pg_sleep`, MySQL `SLEEP`). SQLite cannot sleep, so it
 * counts through a recursive CTE instead: about 0.15 s per million rows on the CI machine, and it
 * blocks the event loop while it runs, as every better-sqlite3 call does.
 */
export function slowQuery(db: Kysely<AnyDB>, seconds: number): RawBuilder<{ done: number }> {
  switch (detectDialect(db)) {
    case 'postgres':
      return sql<{ done: number }>`select 1 as done from pg_sleep(${seconds})`
    case 'mysql':
      return sql<{ done: number }>`select 1 + sleep(${seconds}) as done`
    case 'sqlite': {
      const rows = Math.max(1, Math.round(seconds * 6_000_000))
      return sql<{ done: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < ${rows}) select min(1, count(*)) as done from c`
    }
  }
}
