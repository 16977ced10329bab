#!/usr/bin/env node
// The `kysera` command line. `kysera migrate …` arrives with the migrations entry point.
const [command] = process.argv.slice(2)
if (command === undefined || command === '--help' || command === '-h') {
  process.stdout.write('Usage: kysera <command>\n\nCommands:\n  migrate   (coming with kysera/migrations)\n')
} else {
  process.stderr.write(`kysera: unknown command '${command}'. Run 'kysera --help'.\n`)
  process.exitCode = 1
}
