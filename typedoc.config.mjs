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
  // No public repository URL yet, so "Defined in" links could only point at a local checkout.
  disableSources: true,
  // Members inherited from Kysely's classes (KyseraSqliteDialect) carry Kysely's comments and links.
  externalSymbolLinkMappings: {
    kysely: {
      'Kysely.withoutPlugins': 'https://kysely-org.github.io/kysely-apidoc/classes/Kysely.html#withoutPlugins',
      'Kysely.destroy': 'https://kysely-org.github.io/kysely-apidoc/classes/Kysely.html#destroy',
    },
  },
}
