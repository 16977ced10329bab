// API documentation for every entry point in the one entry table.
import { entries } from './scripts/entries.mjs'

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  entryPoints: entries.map((e) => e.source),
  out: 'docs/api',
  tsconfig: 'tsconfig.json',
  excludePrivate: true,
  excludeInternal: true,
  name: 'Kysera',
  readme: 'README.md',
}
