import { sql } from 'kysely'
import { CheckConstraintError } from '../../errors/check-constraint-error.js'
import type { DatabaseError } from '../../errors/database-error.js'
import { NotNullError } from '../../errors/not-null-error.js'
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js'
import { BaseKyseraAdapter, carriedOptions } from '../base-adapter.js'
import type { Executor } from '../dialect.js'
import type { ColumnInfo } from '../table-columns-cache.js'
import { stringField } from '../error-fields.js'
import type { ErrorHints } from '../error-hints.js'
import { statementTarget } from '../statement-target.js'

interface UniqueIndex {
  table: string
  index: string
  columns: string[]
}

interface ServerFacts {
  allocation: { consecutive: boolean; increment: number }
  rowsForm: 'values' | 'union-all'
}

function serverFacts(row: { mode: number | string; increment: number | string; version: string } | undefined): ServerFacts {
  // MariaDB reports e.g. `10.11.19-MariaDB-0+deb12u1`; its table value constructor came in 10.3.3.
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(row?.version ?? '') ?? []).slice(1).map(Number)
  const mariadb = /mariadb/i.test(row?.version ?? '')
  const hasValues = mariadb && major * 10_000 + minor * 100 + patch >= 100_303
  return {
    allocation: { consecutive: Number(row?.mode ?? 2) <= 1, increment: Number(row?.increment ?? 1) },
    rowsForm: hasValues ? 'values' : 'union-all',
  }
}

/** MySQL and MariaDB: no RETURNING, implicit commits on DDL, row values that do not seek an index. */
export class MysqlKyseraAdapter extends BaseKyseraAdapter {
  readonly dialect = 'mysql' as const
  readonly supportsReturning = false
  readonly supportsTransactionalDdl = false
  readonly rowValueSeekUsesIndex = false
  override readonly negation = 'if' as const
  // The protocol allows 65,535 placeholders per prepared statement; the real limit for client-side
  // interpolated statements is max_allowed_packet, which bulk writers check separately.
  readonly maxBindParameters = 65_535
  readonly nullsOrdering = 'expression' as const
  readonly cursorTextType = 'char' as const
  // Integers up to 32 bits and text come back exact; BIGINT may pass 2^53, DECIMAL may be configured
  // to come back as a number, and DATETIME loses its microseconds in a JS Date.
  exactInDriver(type: string): boolean {
    return /^((tiny|small|medium)?int(\(\d+\))?( unsigned)?|varchar\(\d+\)|(tiny|medium|long)?text)$/.test(type)
  }
  readonly bulkInsertForm = 'values' as const
  readonly bulkUpdateForm = 'join-derived-table' as const
  // Well under max_allowed_packet (16 MiB by default on MariaDB, 64 MiB on MySQL 8), estimated generously.
  readonly maxStatementBytes = 4 * 1024 * 1024
  readonly upsertForm = 'on-duplicate-key' as const
  readonly supportsForUpdate = true

  #server: Promise<ServerFacts> | undefined

  // What the bulk writers need to know of the server, read in one query the first time one asks.
  #serverFacts(executor: Executor): Promise<ServerFacts> {
    this.#server ??= sql<{ mode: number | string; increment: number | string; version: string }>`
      select @@innodb_autoinc_lock_mode as mode, @@auto_increment_increment as increment, version() as version`
      .execute(executor)
      .then(({ rows }) => serverFacts(rows[0]))
    this.#server.catch(() => (this.#server = undefined))
    return this.#server
  }

  // innodb_autoinc_lock_mode 0 ("traditional") and 1 ("consecutive", MariaDB's default) give the rows
  // of one multi-row INSERT consecutive ids; 2 ("interleaved", MySQL 8's default) may interleave them
  // with concurrent inserts, so a caller must not infer ids from the first one.
  override async autoIncrementAllocation(executor: Executor): Promise<{ consecutive: boolean; increment: number }> {
    return (await this.#serverFacts(executor)).allocation
  }

  override async derivedRowsForm(executor: Executor): Promise<'values' | 'union-all'> {
    return (await this.#serverFacts(executor)).rowsForm
  }

  override isoTimestamp(date: Date): string {
    return date.toISOString().replace('T', ' ').replace('Z', '')
  }

  async listTables(executor: Executor): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by 1`.execute(executor)
    return rows.map((r) => r.name)
  }

  async foreignKeyPairs(executor: Executor): Promise<{ table: string; references: string }[]> {
    const { rows } = await sql<{ table: string; references: string }>`
      select table_name as \`table\`, referenced_table_name as \`references\` from information_schema.referential_constraints
      where constraint_schema = database()`.execute(executor)
    return rows
  }

  override async withoutForeignKeyChecks<T>(connection: Executor, fn: () => Promise<T>): Promise<T> {
    const { rows } = await sql<{ checks: number }>`select @@foreign_key_checks as checks`.execute(connection)
    await sql`set foreign_key_checks = 0`.execute(connection)
    try {
      return await fn()
    } finally {
      await sql`set foreign_key_checks = ${sql.lit(Number(rows[0]?.checks ?? 1) === 0 ? 0 : 1)}`.execute(connection)
    }
  }

  async truncateTables(connection: Executor, tables: readonly string[]): Promise<void> {
    for (const table of tables) await sql`truncate table ${sql.id(table)}`.execute(connection)
  }

  async resetAutoIncrement(connection: Executor, table: string): Promise<void> {
    // InnoDB moves the counter to max(id) + 1, i.e. 1 for an empty table.
    await sql`alter table ${sql.id(table)} auto_increment = 1`.execute(connection)
  }

  // GET_LOCK waits on the server (whole seconds) and is released when the session ends, also by a crash.
  async acquireMigrationLock(connection: Executor, name: string, timeoutMs: number): Promise<boolean> {
    const { rows } = await sql<{ locked: number | null }>`select get_lock(${lockName(name)}, ${Math.max(0, Math.ceil(timeoutMs / 1000))}) as locked`.execute(connection)
    return Number(rows[0]?.locked) === 1
  }

  async releaseMigrationLock(connection: Executor, name: string): Promise<void> {
    await sql`select release_lock(${lockName(name)})`.execute(connection)
  }

  protected async loadColumns(executor: Executor, table: string, schema: string | undefined): Promise<Map<string, ColumnInfo>> {
    const { rows } = await sql<{ name: string; nullable: string; type: string }>`
      select column_name as name, is_nullable as nullable, column_type as type from information_schema.columns
      where table_schema = coalesce(${schema ?? null}, database()) and table_name = ${table}
      order by ordinal_position`.execute(executor)
    return new Map(rows.map((r) => [r.name, { nullable: r.nullable === 'YES', type: r.type }]))
  }

  // One catalogue read of the schema's unique indexes, shared by concurrent callers and refreshed
  // once when a key is missing from it (the schema changed since it was read).
  #uniqueIndexes: Promise<UniqueIndex[]> | undefined

  async resolveError(executor: Executor, parsed: DatabaseError, error: unknown, hints: ErrorHints): Promise<DatabaseError> {
    const table = hints.table ?? statementTarget(stringField(error, 'sql'))
    const options = carriedOptions(parsed)
    try {
      if (parsed instanceof UniqueConstraintError && parsed.constraint !== undefined) {
        const index = await this.#findUniqueIndex(executor, parsed.constraint, parsed.table ?? table)
        if (index === undefined) return parsed
        return new UniqueConstraintError({ constraint: index.index, table: index.table, columns: index.columns }, options)
      }
      if (parsed instanceof NotNullError && parsed.table === undefined && table !== undefined) {
        return new NotNullError({ column: parsed.column, table }, options)
      }
      if (parsed instanceof CheckConstraintError && parsed.table === undefined && parsed.constraint !== undefined) {
        const owner = await this.#checkConstraintTable(executor, parsed.constraint, table)
        return owner === undefined ? parsed : new CheckConstraintError({ constraint: parsed.constraint, table: owner }, options)
      }
    } catch {
      // Catalogue look-ups are best effort; the parsed error is already typed.
    }
    return parsed
  }

  async #findUniqueIndex(executor: Executor, index: string, table: string | undefined): Promise<UniqueIndex | undefined> {
    const pick = (all: UniqueIndex[]): UniqueIndex | undefined => {
      const named = all.filter((i) => i.index === index)
      if (table !== undefined) return named.find((i) => i.table === table)
      // Index names are unique per table, not per schema: without a table only an unambiguous name counts.
      return named.length === 1 ? named[0] : undefined
    }
    this.#uniqueIndexes ??= loadUniqueIndexes(executor)
    let found = pick(await this.#uniqueIndexes.catch(() => []))
    if (found === undefined) {
      this.#uniqueIndexes = loadUniqueIndexes(executor)
      found = pick(await this.#uniqueIndexes.catch(() => []))
    }
    return found
  }

  async #checkConstraintTable(executor: Executor, constraint: string, hint: string | undefined): Promise<string | undefined> {
    const { rows } = await sql<{ tbl: string }>`
      select table_name as tbl from information_schema.table_constraints
      where constraint_schema = database() and constraint_type = 'CHECK' and constraint_name = ${constraint}`.execute(executor)
    const tables = rows.map((r) => r.tbl)
    if (hint !== undefined && tables.includes(hint)) return hint
    return tables.length === 1 ? tables[0] : undefined
  }
}

async function loadUniqueIndexes(executor: Executor): Promise<UniqueIndex[]> {
  const { rows } = await sql<{ tbl: string; idx: string; col: string }>`
    select table_name as tbl, index_name as idx, column_name as col
    from information_schema.statistics
    where table_schema = database() and non_unique = 0
    order by table_name, index_name, seq_in_index`.execute(executor)
  const byKey = new Map<string, UniqueIndex>()
  for (const r of rows) {
    const key = `${r.tbl}\u0000${r.idx}`
    let entry = byKey.get(key)
    if (entry === undefined) byKey.set(key, (entry = { table: r.tbl, index: r.idx, columns: [] }))
    entry.columns.push(r.col)
  }
  return [...byKey.values()]
}

/** GET_LOCK names are limited to 64 characters. */
function lockName(name: string): string {
  return name.length <= 64 ? name : name.slice(0, 64)
}
