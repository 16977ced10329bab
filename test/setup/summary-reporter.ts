// Prints the closing line CI reads: `N passed, N failed, N skipped`.
import type { Reporter, SerializedError, TestModule } from 'vitest/node'

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0
    let failed = unhandledErrors.length
    let skipped = 0
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') passed++
        else if (state === 'failed') failed++
        else skipped++
      }
      // A failing hook marks its tests skipped, and a file that fails to load has no tests: each still
      // counts as one failure, so a broken setup can never look green.
      if (module.errors().length > 0) failed++
      for (const suite of module.children.allSuites()) if (suite.errors().length > 0) failed++
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`)
  }
}
