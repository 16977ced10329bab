// Which databases a test run uses, and where they are. Documented in the README ("Tests").
import type { Dialect } from '../../src/core/index.js'

/** Every dialect the suites know, in the order they run. */
export const TEST_DIALECTS: readonly Dialect[] = ['sqlite', 'postgres', 'mysql']

/** Connection URLs of the server databases (the test run creates and drops its own schemas in them). */
export const SERVER_URLS = {
  postgres: process.env.KYSERA_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  mysql: process.env.KYSERA_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
} as const

/** `KYSERA_TEST_DIALECTS=sqlite,postgres` restricts a run; by default every dialect is wanted. */
export function wantedDialects(): Dialect[] {
  const list = process.env.KYSERA_TEST_DIALECTS
  if (list === undefined || list.trim() === '') return [...TEST_DIALECTS]
  return TEST_DIALECTS.filter((d) => list.split(',').map((s) => s.trim()).includes(d))
}

/** With `CI=true` an unreachable database fails the run instead of being skipped. */
export const REQUIRE_ALL = process.env.CI === 'true' || process.env.CI === '1'

/** Prefix of every schema / database a test run creates; stale ones are dropped at start. */
export const SCHEMA_PREFIX = 'kt_'
