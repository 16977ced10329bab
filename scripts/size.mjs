// Size budgets per entry point: each built entry bundled alone with esbuild (minified, `kysely` and
// Node built-ins external), gzip size printed; exits non-zero when one is over its budget.
// Run after `npm run build`: `npm run size`.
import { build } from 'esbuild'
import { gzipSync } from 'node:zlib'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const KB = 1024
/** subpath → budget in gzip bytes (issue #8). */
const budgets = {
  core: 10 * KB,
  repository: 15 * KB,
  'plugins/soft-delete': 6 * KB,
  'plugins/timestamps': 6 * KB,
  'plugins/audit': 6 * KB,
}

let failed = false
console.log('entry                   min+gzip   budget   ')
for (const [entry, budget] of Object.entries(budgets)) {
  const result = await build({
    entryPoints: [`${root}dist/${entry}/index.js`],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'node',
    external: ['kysely', 'node:*'],
    write: false,
    logLevel: 'silent',
  })
  const size = gzipSync(result.outputFiles[0].contents).length
  const over = size > budget
  failed ||= over
  console.log(`kysera/${entry.padEnd(17)} ${(size / KB).toFixed(1).padStart(6)} KB ${(budget / KB).toFixed(0).padStart(5)} KB ${over ? '  OVER' : '  ok'}`)
}
if (failed) {
  console.error('size budget exceeded')
  process.exitCode = 1
}
