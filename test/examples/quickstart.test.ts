// The README's quick start must run, and must be the code the README shows.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))

describe('README quick start', () => {
  it('is examples/quickstart.ts, which runs and prints what the comments say', () => {
    const code = readFileSync(`${root}examples/quickstart.ts`, 'utf8').split('\n').slice(1).join('\n').trim()
    expect(readFileSync(`${root}README.md`, 'utf8')).toContain(code)
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'examples/quickstart.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe("[ 'ada@example.com', 'alan@example.com' ] true\n2\n409: email taken\n")
  }, 60_000)
})
