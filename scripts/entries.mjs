// The one table of entry points. tsup builds from it and the `exports` map in package.json is
// generated from it (`node scripts/entries.mjs --write`); `--check` fails when they disagree.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** subpath → source file (relative to the repository root). */
export const entries = [
  { subpath: '.', source: 'src/index.ts' },
  { subpath: './core', source: 'src/core/index.ts' },
  { subpath: './repository', source: 'src/repository/index.ts' },
  { subpath: './migrations', source: 'src/migrations/index.ts' },
  { subpath: './plugins/soft-delete', source: 'src/plugins/soft-delete/index.ts' },
  { subpath: './plugins/timestamps', source: 'src/plugins/timestamps/index.ts' },
  { subpath: './plugins/audit', source: 'src/plugins/audit/index.ts' },
  { subpath: './testing', source: 'src/testing/index.ts' },
]

/** The command-line binary, built alongside the library entries. */
export const bin = { name: 'kysera', source: 'src/cli/index.ts' }

/** `src/core/index.ts` → `core/index` (the name tsup gives the output file). */
export function outName(source) {
  return source.replace(/^src\//, '').replace(/\.ts$/, '')
}

export function exportsMap() {
  const map = {}
  for (const { subpath, source } of entries) {
    const out = outName(source)
    map[subpath] = { types: `./dist/${out}.d.ts`, import: `./dist/${out}.js` }
  }
  map['./package.json'] = './package.json'
  return map
}

const isMain = process.argv[1] === fileURLToPath(import.meta.url)
if (isMain) {
  const path = new URL('../package.json', import.meta.url)
  const pkg = JSON.parse(readFileSync(path, 'utf8'))
  const expected = exportsMap()
  const expectedBin = { [bin.name]: `./dist/${outName(bin.source)}.js` }
  const same =
    JSON.stringify(pkg.exports) === JSON.stringify(expected) &&
    JSON.stringify(pkg.bin) === JSON.stringify(expectedBin)
  if (process.argv.includes('--write')) {
    pkg.exports = expected
    pkg.bin = expectedBin
    writeFileSync(path, `${JSON.stringify(pkg, null, 2)}\n`)
  } else if (process.argv.includes('--check') && !same) {
    console.error('package.json exports/bin are out of date: run `node scripts/entries.mjs --write`')
    process.exit(1)
  }
}
