// The built `kysera` binary, spawned against each database the way a deploy script runs it.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeEach, expect, it } from 'vitest'
import { describeEachDialect } from '../setup/dialects.js'

const BIN = fileURLToPath(new URL('../../dist/cli/index.js', import.meta.url))

interface Run {
  status: number | null
  stdout: string
  stderr: string
}

/** A folder of migrations 001…003 creating tables a_*, b_*, c_*; 002 sleeps while SLOW is set and fails while FAIL is set. */
function migrationsDir(suffix: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kysera-cli-'))
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}')
  const file = (name: string, table: string, extra = ''): void =>
    writeFileSync(
      join(dir, `${name}.mjs`),
      `export async function up(db) {${extra}\n  await db.schema.createTable('${table}_${suffix}').addColumn('id', 'integer').execute()\n}\nexport async function down(db) {\n  await db.schema.dropTable('${table}_${suffix}').execute()\n}\n`,
    )
  file('001_a', 'a')
  file('002_b', 'b', `\n  if (process.env.SLOW) await new Promise((resolve) => setTimeout(resolve, 60_000))\n  if (process.env.FAIL) throw new Error('refusing to run')`)
  file('003_c', 'c')
  return dir
}

describeEachDialect('kysera migrate (built binary)', (t) => {
  let dir = ''
  let suffix = ''
  const run = (args: string[], env: Record<string, string> = {}, cwd = process.cwd()): Run => {
    const result = spawnSync(process.execPath, [BIN, 'migrate', ...args], {
      cwd,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, DATABASE_URL: t.url, ...env },
    })
    return { status: result.status, stdout: result.stdout, stderr: result.stderr }
  }
  const applied = async (): Promise<string[]> =>
    (await t.db.selectFrom(`kysera_migrations_${suffix}`).select('name').orderBy('id').execute()).map((r) => r.name as string)

  beforeEach(() => {
    suffix = Math.random().toString(36).slice(2, 8)
    dir = migrationsDir(suffix)
  })

  it('applies, reports, steps back, goes to a migration and resets, with progress and timings', async () => {
    const table = ['--table', `kysera_migrations_${suffix}`, '--dir', dir]
    const up = run(['up', ...table])
    expect(up).toMatchObject({ status: 0, stderr: '' })
    expect(up.stdout).toMatch(/applying 001_a\n {2}applied 001_a \(\d+ ms\)/)
    expect(up.stdout).toMatch(/3 migrations applied \(\d+ ms\)\n$/)
    expect(await applied()).toEqual(['001_a', '002_b', '003_c'])

    const status = run(['status', '--json', ...table])
    expect(JSON.parse(status.stdout)).toMatchObject({ pending: [], missing: [], executed: [{ name: '001_a' }, { name: '002_b' }, { name: '003_c' }] })

    expect(run(['down', '--steps', '2', ...table]).stdout).toContain('2 migrations rolled back')
    expect(await applied()).toEqual(['001_a'])
    const to = run(['to', '002_b', '--json', ...table])
    expect(JSON.parse(to.stdout)).toMatchObject({ command: 'to', results: [{ name: '002_b', direction: 'up', status: 'applied' }] })
    expect(run(['reset', ...table]).status).toBe(0)
    expect(await applied()).toEqual([])
    expect(run(['up', ...table]).stdout).toContain('3 migrations applied')
    expect(run(['up', ...table]).stdout).toBe('Nothing to do.\n')
  }, 120_000)

  it('--dry-run prints the SQL and changes nothing', async () => {
    const result = run(['up', '--dry-run', '--table', `kysera_migrations_${suffix}`, '--dir', dir])
    expect(result.status).toBe(0)
    expect(result.stdout).toMatch(new RegExp(`create table [\`"]a_${suffix}[\`"]`))
    expect(result.stdout).toContain('3 migrations would run')
    const tables = (await t.db.introspection.getTables()).map((x) => x.name)
    expect(tables.filter((name) => name.endsWith(suffix))).toEqual([])
  })

  it('fails with exit 1 and one line naming the migration, keeping the bookkeeping consistent', async () => {
    const result = run(['up', '--table', `kysera_migrations_${suffix}`, '--dir', dir], { FAIL: '1' })
    expect(result.status).toBe(1)
    expect(result.stderr).toBe(`kysera: Migration "002_b" failed (up): refusing to run\n`)
    expect(await applied()).toEqual(['001_a'])
  })

  it('fails clearly on an unreachable database and on a bad configuration', () => {
    const unreachable = t.dialect === 'sqlite' ? 'sqlite:/nonexistent-kysera-dir/app.db' : t.url.replace(/:(3306|5432)\//, ':1/')
    const down = run(['up', '--dir', dir], { DATABASE_URL: unreachable })
    expect(down.status).toBe(1)
    expect(down.stderr.trim().split('\n')).toHaveLength(1)
    expect(down.stderr).toMatch(/^kysera: .*(ECONNREFUSED|directory does not exist|unable to open)/i)

    const noUrl = run(['up', '--dir', dir], { DATABASE_URL: '' })
    expect(noUrl).toMatchObject({ status: 2, stdout: '' })
    expect(noUrl.stderr).toMatch(/^kysera: no database: set DATABASE_URL/)
    expect(run(['up', '--dir', dir], { DATABASE_URL: 'oracle://x' }).stderr).toContain('unsupported DATABASE_URL scheme')
    expect(run(['sideways', '--dir', dir]).status).toBe(2)
    expect(run(['down', '--steps', 'many', '--dir', dir]).status).toBe(2)
  })

  it('reads kysera.config.mjs and creates migration files', async () => {
    const project = mkdtempSync(join(tmpdir(), 'kysera-project-'))
    writeFileSync(join(project, 'package.json'), '{"type":"module"}')
    writeFileSync(
      join(project, 'kysera.config.mjs'),
      `export default { database: ${JSON.stringify(t.url)}, migrations: { directory: './db', tableName: 'kysera_migrations_${suffix}' } }\n`,
    )
    // create needs no database and writes into the configured folder.
    const created = run(['create', 'add_users'], { DATABASE_URL: '' }, project)
    expect(created).toMatchObject({ status: 0, stderr: '' })
    expect(readdirSync(join(project, 'db'))).toEqual([expect.stringMatching(/^\d{14}_add_users\.mjs$/) as unknown])
    const up = run(['up'], { DATABASE_URL: '' }, project)
    expect(up).toMatchObject({ status: 0 })
    expect(await applied()).toEqual([expect.stringMatching(/_add_users$/) as unknown])
    expect(run(['create', 'bad name;rm'], {}, project).status).toBe(2)
    expect(existsSync(join(project, 'migrations'))).toBe(false)
  })

  it('four processes started together apply each migration exactly once', async () => {
    const args = [BIN, 'migrate', 'up', '--json', '--table', `kysera_migrations_${suffix}`, '--dir', dir]
    const runs = await Promise.all(
      [0, 1, 2, 3].map(
        () =>
          new Promise<Run>((resolve) => {
            const child = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: t.url } })
            let stdout = ''
            let stderr = ''
            child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
            child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
            child.on('close', (status) => resolve({ status, stdout, stderr }))
          }),
      ),
    )
    expect(runs.map((r) => [r.status, r.stderr])).toEqual(runs.map(() => [0, '']))
    const names = runs.flatMap((r) => (JSON.parse(r.stdout) as { results: { name: string }[] }).results.map((x) => x.name))
    expect(names.sort()).toEqual(['001_a', '002_b', '003_c'])
    expect(await applied()).toEqual(['001_a', '002_b', '003_c'])
  }, 120_000)

  it('is not blocked by a runner killed while it held the lock', async () => {
    const args = [BIN, 'migrate', 'up', '--table', `kysera_migrations_${suffix}`, '--dir', dir]
    const holder = spawn(process.execPath, args, { env: { ...process.env, DATABASE_URL: t.url, SLOW: '1' } })
    await new Promise<void>((resolve) => {
      let seen = ''
      holder.stdout.on('data', (d: Buffer) => {
        seen += d.toString()
        if (seen.includes('applying 002_b')) resolve()
      })
    })
    holder.kill('SIGKILL')
    await new Promise((resolve) => holder.on('close', resolve))
    const next = run(['up', '--table', `kysera_migrations_${suffix}`, '--dir', dir])
    expect(next).toMatchObject({ status: 0, stderr: '' })
    expect(await applied()).toEqual(['001_a', '002_b', '003_c'])
  }, 120_000)
})
