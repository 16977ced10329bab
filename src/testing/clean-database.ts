import type { Kysely } from 'kysely'
import { BadRequestError, type Executor } from '../core/index.js'
import { getAdapter } from '../core/dialect/get-adapter.js'
import { describeValue } from '../core/options/assert-option.js'

/** How {@link cleanDatabase} empties tables. */
export type CleanStrategy = 'transaction' | 'delete' | 'truncate'

/** Options of {@link cleanDatabase}. */
export interface CleanOptions {
  /** Only these tables. Default: every table except `kysera_migrations`. */
  tables?: readonly string[]
  /** Never these tables. */
  exclude?: readonly string[]
}

const STRATEGIES: readonly CleanStrategy[] = ['transaction', 'delete', 'truncate']

/**
 * Empties tables between tests, whatever their foreign keys:
 * - `transaction`: nothing to do — the data lived in rolled-back test transactions ({@link testInTransaction});
 * - `delete`: DELETE, children before parents (from the catalogue's foreign keys), then auto-increment
 *   counters and sequences restart;
 * - `truncate`: TRUNCATE where the dialect has it (faster on big tables; MySQL commits implicitly).
 * On MySQL and SQLite foreign-key checks are switched off for the session while it runs (for cycles)
 * and restored afterwards, also on failure. Table names are checked against the database: an unknown
 * one is a `BadRequestError` and nothing is emptied.
 *
 * @example
 * ```ts
 * afterEach(() => cleanDatabase(db, 'delete', { exclude: ['countries'] }))
 * ```
 */
export async function cleanDatabase<DB>(db: Executor<DB>, strategy: CleanStrategy, options: CleanOptions = {}): Promise<void> {
  if (!STRATEGIES.includes(strategy)) throw invalid('strategy', `one of ${STRATEGIES.join(', ')}`, strategy)
  if (typeof options !== 'object' || options === null) throw invalid('options', 'an object', options)
  if (strategy === 'transaction') return
  const executor = db as Kysely<DB>
  const adapter = getAdapter(executor)
  const existing = new Set(await adapter.listTables(executor))
  const named = (list: unknown, option: string): string[] | undefined => {
    if (list === undefined) return undefined
    if (!Array.isArray(list)) throw invalid(option, 'an array of table names', list)
    for (const table of list) {
      if (typeof table !== 'string' || !existing.has(table)) {
        throw new BadRequestError(`[kysera:testing] Unknown table ${describeValue(table)} in ${option}`, { code: 'UNKNOWN_TABLE' })
      }
    }
    return list as string[]
  }
  const only = named(options.tables, 'tables')
  const exclude = new Set(named(options.exclude, 'exclude') ?? [])
  const tables = (only ?? [...existing].filter((t) => t !== 'kysera_migrations')).filter((t) => !exclude.has(t))
  if (tables.length === 0) return

  const order = childrenFirst(tables, await adapter.foreignKeyPairs(executor))
  const work = async (connection: Executor<DB>): Promise<void> => {
    await adapter.withoutForeignKeyChecks(connection, async () => {
      if (strategy === 'truncate') {
        await adapter.truncateTables(connection, order)
        return
      }
      for (const table of order) {
        await (connection as Kysely<any>).deleteFrom(table).execute() // eslint-disable-line @typescript-eslint/no-explicit-any
        await adapter.resetAutoIncrement(connection, table)
      }
    })
  }
  // Session settings (foreign-key checks) must be changed and restored on the connection doing the work.
  if (executor.isTransaction) await work(executor)
  else await executor.connection().execute((connection) => work(connection))
}

/** Tables ordered so that a table referencing another comes first (cycles keep their input order). */
function childrenFirst(tables: readonly string[], pairs: readonly { table: string; references: string }[]): string[] {
  const wanted = new Set(tables)
  const ordered: string[] = []
  const visiting = new Set<string>()
  const done = new Set<string>()
  const visit = (table: string): void => {
    if (done.has(table) || visiting.has(table)) return
    visiting.add(table)
    // Every table that references this one must be emptied before it.
    for (const pair of pairs) if (pair.references === table && pair.table !== table && wanted.has(pair.table)) visit(pair.table)
    visiting.delete(table)
    done.add(table)
    ordered.push(table)
  }
  for (const table of tables) visit(table)
  return ordered
}

function invalid(option: string, expected: string, value: unknown): BadRequestError {
  return new BadRequestError(`[kysera:testing] Invalid ${option}: expected ${expected}, got ${describeValue(value)}`, { code: 'INVALID_OPTION' })
}
