// Imports the built package through Node's own resolver, by name, the way an application does.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

function runNode(source: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', source], { cwd: root, encoding: 'utf8' })
}

interface PackageJson {
  name: string
  exports: Record<string, unknown>
  bin: Record<string, string>
  dependencies?: Record<string, string>
  peerDependencies: Record<string, string>
  peerDependenciesMeta: Record<string, { optional?: boolean }>
  sideEffects: boolean
  type: string
}

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as PackageJson
const subpaths = Object.keys(pkg.exports).filter((s) => s !== './package.json')

describe('the built package', () => {
  it('declares every DESIGN entry point in its exports map', () => {
    expect(subpaths.sort()).toEqual(
      ['.', './core', './repository', './migrations', './plugins/soft-delete', './plugins/timestamps', './plugins/audit', './testing'].sort(),
    )
  })

  it('is ESM, side-effect free, with kysely as its only required peer and no runtime dependencies', () => {
    expect(pkg.type).toBe('module')
    expect(pkg.sideEffects).toBe(false)
    expect(pkg.dependencies ?? {}).toEqual({})
    const required = Object.keys(pkg.peerDependencies).filter((p) => pkg.peerDependenciesMeta[p]?.optional !== true)
    expect(required).toEqual(['kysely'])
  })

  it('loads every entry point by name', () => {
    const specifiers = subpaths.map((s) => (s === '.' ? 'kysera' : `kysera/${s.slice(2)}`))
    const out = runNode(
      `const names = ${JSON.stringify(specifiers)}; for (const n of names) await import(n); console.log(names.length)`,
    )
    expect(out.trim()).toBe(String(specifiers.length))
  })

  it('gives the same class from kysera and kysera/core, so instanceof holds across them', () => {
    const out = runNode(`
      import * as root from 'kysera'
      import * as core from 'kysera/core'
      const e = new root.UniqueConstraintError({ constraint: 'c', table: 't', columns: ['a'] })
      console.log(JSON.stringify({
        same: root.UniqueConstraintError === core.UniqueConstraintError && root.DatabaseError === core.DatabaseError,
        instance: e instanceof core.DatabaseError,
        guard: core.isUniqueConstraintError(e),
      }))`)
    expect(JSON.parse(out)).toEqual({ same: true, instance: true, guard: true })
  })

  it('exports from kysera everything kysera/core exports', () => {
    const out = runNode(`
      import * as root from 'kysera'
      import * as core from 'kysera/core'
      console.log(JSON.stringify(Object.keys(core).filter((k) => root[k] !== core[k])))`)
    expect(JSON.parse(out)).toEqual([])
  })

  it('ships a runnable kysera binary', () => {
    const bin = pkg.bin.kysera
    expect(bin).toBe('./dist/cli/index.js')
    const out = execFileSync(process.execPath, [fileURLToPath(new URL(`../../${bin}`, import.meta.url)), '--help'], { encoding: 'utf8' })
    expect(out).toContain('Usage: kysera')
  })
})

describe('the built plugins', () => {
  /** Every file an entry point loads, following relative imports. */
  function moduleGraph(entry: string): string[] {
    const seen = new Set<string>()
    const visit = (file: string): void => {
      if (seen.has(file)) return
      seen.add(file)
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/(?:from|import)\s*['"](\.{1,2}\/[^'"]+)['"]/g)) visit(fileURLToPath(new URL(match[1] as string, `file://${file}`)))
    }
    visit(fileURLToPath(new URL(`../../dist/${entry}`, import.meta.url)))
    return [...seen]
  }

  it.each(['plugins/soft-delete/index.js', 'plugins/timestamps/index.js'])('%s pulls in no audit code', (entry) => {
    const code = moduleGraph(entry).map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(code).not.toContain('AsyncLocalStorage')
    expect(code).not.toContain('createAuditTable')
    expect(code).not.toContain('restoreFromAudit')
  })

  it('plugins/audit does contain it (the check above can fail)', () => {
    const code = moduleGraph('plugins/audit/index.js').map((f) => readFileSync(f, 'utf8')).join('\n')
    expect(code).toContain('AsyncLocalStorage')
  })
})

describe('kysera/testing without a test framework', () => {
  it('works under node --test', () => {
    const out = execFileSync(process.execPath, ['--test', 'test/package/fixtures/kysera-testing.node-test.mjs'], { cwd: root, encoding: 'utf8' })
    expect(out).toMatch(/# pass 2/)
    expect(out).toMatch(/# fail 0/)
  })
})

describe('package linters', () => {
  it('publint and @arethetypeswrong/cli (ESM profile) report no problems', () => {
    const out = execFileSync('npm', ['run', '--silent', 'check:package'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
    expect(out).toContain('All good!')
    expect(out).toMatch(/"kysera\/plugins\/audit"[\s\S]*node16 \(from ESM\): 🟢 \(ESM\)/)
  }, 120_000)
})
