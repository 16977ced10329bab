// `npm run bench [name…]`: runs the benchmarks in bench/<name>/index.ts (all of them by default).
// Each benchmark compares against a baseline in the same run and prints ratios.
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
// A benchmark is a folder with an index.ts; `lib/` holds shared helpers.
const all = readdirSync(here).filter((name) => existsSync(join(here, name, 'index.ts')))
const wanted = process.argv.slice(2)
const chosen = wanted.length === 0 ? all : all.filter((name) => wanted.includes(name))

if (chosen.length === 0) {
  console.log(wanted.length === 0 ? 'No benchmarks yet.' : `No benchmark named ${wanted.join(', ')} (have: ${all.join(', ') || 'none'})`)
}
for (const name of chosen) {
  console.log(`\n### ${name}`)
  await import(pathToFileURL(join(here, name, 'index.ts')).href)
}
