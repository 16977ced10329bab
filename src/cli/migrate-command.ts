// `kysera migrate …`: runs the migration runner and prints progress, a summary, or JSON.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createMigrationRunner, loadMigrations, type MigrationResult } from '../migrations/index.js'
import type { Logger } from '../core/index.js'
import { UsageError, type CliArgs } from './cli-args.js'
import { resolveConfig } from './cli-config.js'

export const MIGRATE_USAGE = `Usage: kysera migrate <command> [options]

Commands:
  up                 apply every pending migration
  down [--steps n]   roll back the last n migrations (default 1)
  to <name>          apply pending migrations up to and including <name>
  status             list applied, pending and missing migrations
  reset              roll back every migration
  create <name>      write a new migration file

Options:
  --dir <path>       migrations folder (default ./migrations, or the config's)
  --config <file>    config file (default kysera.config.{ts,mjs,js})
  --table <name>     bookkeeping table (default kysera_migrations)
  --dry-run          print the SQL pending migrations would run; change nothing
  --json             print the result as JSON

The database comes from the config's \`database\` or DATABASE_URL (postgres://, mysql://, sqlite:path).
`

/** Runs one `migrate` command; returns the process exit code. */
export async function migrateCommand(args: CliArgs, out: (line: string) => void): Promise<number> {
  const [subcommand, operand] = args.positional
  const json = args.flags.get('json') === true
  if (subcommand === undefined || args.flags.has('help')) {
    out(MIGRATE_USAGE)
    return subcommand === undefined && !args.flags.has('help') ? 2 : 0
  }
  const config = await resolveConfig(process.cwd(), args.flags)
  if (subcommand === 'create') return create(config.directory, operand, out)
  const db = await config.openDatabase()
  try {
    const migrations = await loadMigrations(config.directory)
    const progress: Logger = {
      debug: () => {},
      info: (message) => {
        if (!json) out(message.replace(/^\[kysera:migrations\] /, '  '))
      },
      warn: (message) => process.stderr.write(`kysera: ${message.replace(/^\[kysera:migrations\] /, '')}\n`),
      error: () => {},
    }
    const runner = createMigrationRunner(db, migrations, {
      logger: progress,
      dryRun: args.flags.get('dry-run') === true,
      ...(config.tableName === undefined ? {} : { tableName: config.tableName }),
      ...(config.lockTimeoutMs === undefined ? {} : { lockTimeoutMs: config.lockTimeoutMs }),
    })
    let results: MigrationResult[]
    switch (subcommand) {
      case 'up':
        results = await runner.up()
        break
      case 'down':
        results = await runner.down(steps(args.flags.get('steps')))
        break
      case 'to':
        if (operand === undefined) throw new UsageError('migrate to needs a migration name')
        results = await runner.upTo(operand)
        break
      case 'reset':
        results = await runner.reset()
        break
      case 'status': {
        const status = await runner.status()
        if (json) out(JSON.stringify(status))
        else {
          for (const m of status.executed) out(`  ✓ ${m.name}  applied ${m.executedAt} (${m.durationMs} ms)`)
          for (const name of status.pending) out(`  • ${name}  pending`)
          for (const name of status.missing) out(`  ! ${name}  applied, but not in ${config.directory}`)
          out(`${status.executed.length} applied, ${status.pending.length} pending${status.missing.length > 0 ? `, ${status.missing.length} missing` : ''}`)
        }
        return 0
      }
      default:
        throw new UsageError(`unknown migrate command '${subcommand}'`)
    }
    if (json) out(JSON.stringify({ command: subcommand, results }))
    else if (results.length === 0) out('Nothing to do.')
    else {
      const total = results.reduce((sum, r) => sum + r.durationMs, 0)
      const verb = results[0]?.status === 'dry-run' ? 'would run' : results[0]?.direction === 'down' ? 'rolled back' : 'applied'
      out(`${results.length} migration${results.length === 1 ? '' : 's'} ${verb} (${total} ms)`)
    }
    return 0
  } finally {
    await db.destroy()
  }
}

function steps(value: string | true | undefined): number {
  if (value === undefined) return 1
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--steps must be a whole number ≥ 1, got ${String(value)}`)
  return n
}

/** Writes `<directory>/<UTC timestamp>_<name>.mjs`, so file-name order is creation order. */
function create(directory: string, name: string | undefined, out: (line: string) => void): number {
  if (name === undefined || !/^[A-Za-z0-9][A-Za-z0-9_-]{0,100}$/.test(name)) {
    throw new UsageError('migrate create needs a name of letters, digits, _ and - (e.g. add_users)')
  }
  mkdirSync(directory, { recursive: true })
  const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)
  const file = join(directory, `${stamp}_${name}.mjs`)
  writeFileSync(
    file,
    `/** @param {import('kysely').Kysely<any>} db */\nexport async function up(db) {\n  // await db.schema.createTable('…').addColumn('id', 'integer', (c) => c.primaryKey()).execute()\n}\n\n/** @param {import('kysely').Kysely<any>} db */\nexport async function down(db) {\n  // await db.schema.dropTable('…').execute()\n}\n`,
    { flag: 'wx' },
  )
  out(file)
  return 0
}
