#!/usr/bin/env node
// The `kysera` command line. Exit codes: 0 success, 1 failure (one line on stderr), 2 usage error.
import { parseArgs, UsageError } from './cli-args.js'
import { migrateCommand } from './migrate-command.js'

const USAGE = `Usage: kysera <command>

Commands:
  migrate   apply, roll back and inspect migrations (kysera migrate --help)
`

async function main(argv: readonly string[]): Promise<number> {
  const out = (line: string): void => {
    process.stdout.write(`${line}\n`)
  }
  try {
    const args = parseArgs(argv)
    const [command, ...rest] = args.positional
    if (command === undefined || command === 'help' || (command !== 'migrate' && args.flags.has('help'))) {
      out(USAGE)
      return command === undefined && !args.flags.has('help') ? 2 : 0
    }
    if (command === 'migrate') return await migrateCommand({ positional: rest, flags: args.flags }, out)
    throw new UsageError(`unknown command '${command}'`)
  } catch (error) {
    const message = describe(error)
    // One line, without the library's [kysera:…] prefix: the binary's name already says where it came from.
    const hint = error instanceof UsageError ? ` (see 'kysera ${argv[0] === 'migrate' ? 'migrate ' : ''}--help')` : ''
    process.stderr.write(`kysera: ${oneLine(message.replace(/^\[kysera(:[a-z-]+)?\] /, ''))}${hint}\n`)
    return error instanceof UsageError ? 2 : 1
  }
}

/** The error's message; pg reports a refused connection as an AggregateError with an empty one. */
function describe(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') return error.errors.map(describe).join('; ')
  if (error instanceof Error) return error.message !== '' ? error.message : describe(error.cause ?? error.name)
  return String(error)
}

function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 500 ? `${flat.slice(0, 500)}…` : flat
}

process.exitCode = await main(process.argv.slice(2))
