/** Parsed command line: positional words and `--flag value` / `--flag` options. */
export interface CliArgs {
  positional: string[]
  flags: Map<string, string | true>
}

/** Flags that take a value (`--dir ./db`); every other flag is a switch. */
const WITH_VALUE = new Set(['dir', 'steps', 'config', 'table'])

export function parseArgs(argv: readonly string[]): CliArgs {
  const positional: string[] = []
  const flags = new Map<string, string | true>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (!arg.startsWith('--')) {
      positional.push(arg)
      continue
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined]
    if (WITH_VALUE.has(name)) {
      const value = inline ?? argv[++i]
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`)
      flags.set(name, value)
    } else {
      flags.set(name, true)
    }
  }
  return { positional, flags }
}

/** A command line that cannot be run; reported with the usage and exit code 2. */
export class UsageError extends Error {}
