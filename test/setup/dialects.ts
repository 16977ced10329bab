// The one way a suite gets its databases: `describeEachDialect(title, (t) => { … })` registers the
// suite once per dialect, each with its own isolated database in `t.db`.
import { afterAll, beforeAll, describe, inject } from 'vitest'
import type { Dialect } from '../../src/core/index.js'
import { TEST_DIALECTS } from './config.js'
import { TestDatabase } from './test-database.js'

export { TestDatabase } from './test-database.js'
export type { AnyDB } from './test-database.js'

/** Dialects this run reaches (decided once by the global setup, which printed a notice for the rest). */
export function availableDialects(): Dialect[] {
  return inject('kyseraDialects')
}

/**
 * Registers `body` once per dialect as `title [dialect]`. An unreachable dialect's copy is reported
 * as skipped (the global setup already said why, and fails the run instead when `CI=true`).
 */
export function describeEachDialect(title: string, body: (t: TestDatabase) => void): void {
  const available = availableDialects()
  for (const dialect of TEST_DIALECTS) {
    describe.skipIf(!available.includes(dialect))(`${title} [${dialect}]`, () => {
      const t = new TestDatabase(dialect)
      beforeAll(() => t.open())
      afterAll(() => t.close())
      body(t)
    })
  }
}
