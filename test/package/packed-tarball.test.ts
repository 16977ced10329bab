// What `npm pack` ships is what users get: unpack the tarball into a fresh project (its dependencies
// linked from this repository, no network) and import every entry point and the binary by name.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

describe('the packed tarball', () => {
  it('contains only dist, README and package.json, and every entry point loads from it', () => {
    const work = mkdtempSync(join(tmpdir(), 'kysera-pack-'))
    const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as {
      filename: string
      files: { path: string }[]
    }[]
    const files = packed[0]?.files.map((f) => f.path) ?? []
    expect(files.every((f) => f.startsWith('dist/') || f === 'README.md' || f === 'package.json')).toBe(true)
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false)

    const project = join(work, 'app')
    const modules = join(project, 'node_modules')
    mkdirSync(join(modules, 'kysera'), { recursive: true })
    execFileSync('tar', ['-xzf', join(work, packed[0]?.filename ?? ''), '-C', join(modules, 'kysera'), '--strip-components=1'])
    for (const dependency of ['kysely', 'better-sqlite3', 'bindings', 'file-uri-to-path', 'zod']) {
      symlinkSync(join(root, 'node_modules', dependency), join(modules, dependency), 'dir')
    }
    writeFileSync(join(project, 'package.json'), '{"type":"module","dependencies":{"kysera":"*"}}')
    writeFileSync(
      join(project, 'check.mjs'),
      `const names = ['kysera', 'kysera/core', 'kysera/repository', 'kysera/migrations', 'kysera/plugins/soft-delete', 'kysera/plugins/timestamps', 'kysera/plugins/audit', 'kysera/testing']
       const loaded = []
       for (const name of names) loaded.push([name, Object.keys(await import(name)).length])
       console.log(JSON.stringify(loaded))`,
    )
    const loaded = JSON.parse(execFileSync(process.execPath, ['check.mjs'], { cwd: project, encoding: 'utf8' })) as [string, number][]
    expect(loaded.map(([name]) => name)).toHaveLength(8)
    expect(loaded.every(([, exports]) => exports > 0)).toBe(true)
    const help = execFileSync(process.execPath, [join(modules, 'kysera', 'dist', 'cli', 'index.js'), '--help'], { cwd: project, encoding: 'utf8' })
    expect(help).toContain('Usage: kysera <command>')
    expect(readdirSync(join(modules, 'kysera'))).toEqual(expect.arrayContaining(['README.md', 'dist', 'package.json']))
  }, 60_000)
})
