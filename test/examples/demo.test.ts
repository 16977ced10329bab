// `npm run demo` is the first thing a new user runs: it must work on every database.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { describeEachDialect } from '../setup/dialects.js'

const root = fileURLToPath(new URL('../../', import.meta.url))

describeEachDialect('examples/blog', (t) => {
  it('runs end to end', () => {
    const env = { ...process.env, DATABASE_URL: t.dialect === 'sqlite' ? '' : t.url }
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'examples/blog/main.ts'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 })
    expect(run.stderr).toBe('')
    expect(run.status).toBe(0)
    expect(run.stdout).toContain(`Kysera demo on ${t.dialect}`)
    expect(run.stdout).toContain('409 Conflict: email already taken (constraint users_email_key)')
    expect(run.stdout).toContain('INSERT by ann → SOFT_DELETE by demo → RESTORE by demo → UPDATE by editor')
    expect(run.stdout).toMatch(/demo finished\n$/)
  }, 90_000)
})
