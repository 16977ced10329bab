import { readdir } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BadRequestError } from '../core/index.js'
import { checkMigration, type Migration } from './migration.js'

const EXTENSIONS = new Set(['.js', '.mjs', '.ts', '.mts'])

/**
 * Loads one migration per file of `directory`, ordered by file name; the name is the file name without
 * its extension. A file exports `up` (and `down`, `meta`), or a default `createMigration(...)`.
 * `.ts` files load when a TypeScript loader is active (tsx, Node's type stripping); otherwise their
 * import fails with a message saying so.
 *
 * @example
 * ```ts
 * const migrations = await loadMigrations(new URL('./migrations', import.meta.url).pathname)
 * ```
 */
export async function loadMigrations(directory: string): Promise<Migration[]> {
  const dir = resolve(directory)
  let files: string[]
  try {
    files = await readdir(dir)
  } catch (error) {
    throw new BadRequestError(`[kysera:migrations] Cannot read the migrations directory ${dir}`, { code: 'INVALID_MIGRATION', cause: error })
  }
  const chosen = files.filter((f) => EXTENSIONS.has(extname(f)) && !f.endsWith('.d.ts')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const migrations: Migration[] = []
  for (const file of chosen) {
    const name = file.slice(0, -extname(file).length)
    let module: Record<string, unknown>
    try {
      module = (await import(pathToFileURL(join(dir, file)).href)) as Record<string, unknown>
    } catch (error) {
      const hint = extname(file).endsWith('ts') ? ' (a .ts migration needs a TypeScript loader, e.g. `node --import tsx`)' : ''
      throw new BadRequestError(`[kysera:migrations] Cannot load migration ${file}${hint}: ${error instanceof Error ? error.message : String(error)}`, {
        code: 'INVALID_MIGRATION',
        cause: error,
      })
    }
    const source = (typeof module.default === 'object' && module.default !== null ? module.default : module) as Record<string, unknown>
    migrations.push(checkMigration({ name, up: source.up, down: source.down, meta: source.meta }, file))
  }
  return migrations
}
