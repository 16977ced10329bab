import { defineConfig } from 'tsup'
// @ts-expect-error -- plain ESM script shared with package.json generation; no types needed
import { bin, entries, outName } from './scripts/entries.mjs'

type Entry = { source: string }

const entry = Object.fromEntries(
  [...(entries as Entry[]), bin as Entry].map((e) => [outName(e.source), e.source]),
)

export default defineConfig({
  entry,
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  dts: true,
  // Shared chunks keep one copy of every class, so `instanceof` holds across entry points.
  splitting: true,
  treeshake: true,
  sourcemap: true,
  clean: true,
  external: ['kysely', 'pg', 'mysql2', 'better-sqlite3', 'zod'],
})
