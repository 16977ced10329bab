import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'
// @ts-expect-error -- plain ESM script shared with the build; no types needed
import { entries } from './scripts/entries.mjs'

// Suites import Kysera the way users do (`kysera`, `kysera/core`, …); here those names resolve to the
// sources. test/package imports the built package through Node itself.
const alias = (entries as { subpath: string; source: string }[])
  .map(({ subpath, source }) => ({
    find: new RegExp(`^kysera${subpath === '.' ? '' : subpath.slice(1)}$`),
    replacement: fileURLToPath(new URL(source, import.meta.url)),
  }))

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    reporters: ['default', './test/setup/summary-reporter.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
