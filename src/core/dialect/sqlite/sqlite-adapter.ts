import { sql } from 'kysely'
import { CheckConstraintError } from '../../errors/check-constraint-error.js'
import type { DatabaseError, DatabaseErrorOptions } from '../../errors/database-error.js'
import { ForeignKeyError } from '../../errors/foreign-key-error.js'
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js'
import { BaseKyseraAdapter, carriedOptions } from '../base-adapter.js'
import type { Executor } from '../dialect.js'
import { stringField } from '../error-fields.js'
import type { ColumnInfo } from '../table-columns-cache.js'
import type { ErrorHints } from '../error-hints.js'
import { namedConstraints, type NamedConstraint } from './sqlite-table-constraints.js'

/** SQLite (better-sqlite3): RETURNING since 3.35, transactional DDL, 32,766 variables per statement. */
export class SqliteKyseraAdapter extends BaseKyseraAdapter {
  readonly dialect = 'sqlite' as const
  readonly supportsReturning = true
  readonly supportsTransactionalDdl = true
  readonly rowValueSeekUsesIndex = true
  override readonly opaqueValuePrefix = '+' as const
  // SQLITE_MAX_VARIABLE_NUMBER defaults to 32,766 since SQLite 3.32.
  readonly maxBindParameters = 32_766
  readonly nullsOrdering = 'clause' as const
  readonly cursorTextType = undefined
  // better-sqlite3 returns what SQLite stores (numbers within 2^53 unless the column is read as text).
  exactInDriver(): boolean {
    return true
  }
  readonly bulkInsertForm = 'values' as const
  readonly bulkUpdateForm = 'values-cte' as const
  // In-process: only memory bounds a statement's values (the SQL text itself stays short).
  readonly maxStatementBytes = 256 * 1024 * 1024
  readonly upsertForm = 'on-conflict' as const
  readonly supportsForUpdate = false

  #json: Promise<boolean> | undefined

  override jsonRowSource(executor: Executor): Promise<boolean> {
    this.#json ??= sql<{ version: string }>`select sqlite_version() as version`.execute(executor).then(({ rows }) => {
      const [major = 0, minor = 0] = (rows[0]?.version ?? '').split('.').map(Number)
      return major > 3 || (major === 3 && minor >= 38)
    })
    this.#json.catch(() => (this.#json = undefined))
    return this.#json
  }

  override timestampValue(date: Date): unknown {
    return date.toISOString()
  }

  async listTables(executor: Executor): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select name from sqlite_master where type = 'table' and name not like 'sqlite!_%' escape '!' order by 1`.execute(executor)
    return rows.map((r) => r.name)
  }

  async foreignKeyPairs(executor: Executor): Promise<{ table: string; references: string }[]> {
    const { rows } = await sql<{ table: string; references: string }>`
      select m.name as "table", f."table" as "references" from sqlite_master m join pragma_foreign_key_list(m.name) f
      where m.type = 'table'`.execute(executor)
    return rows
  }

  // PRAGMA foreign_keys is ignored inside a transaction, so this must run on a plain connection.
  override async withoutForeignKeyChecks<T>(connection: Executor, fn: () => Promise<T>): Promise<T> {
    const { rows } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(connection)
    await sql`pragma foreign_keys = off`.execute(connection)
    try {
      return await fn()
    } finally {
      await sql`pragma foreign_keys = ${sql.lit(Number(rows[0]?.foreign_keys ?? 0) === 1 ? 'on' : 'off')}`.execute(connection)
    }
  }

  // SQLite has no TRUNCATE; DELETE without WHERE uses its truncate optimisation.
  async truncateTables(connection: Executor, tables: readonly string[]): Promise<void> {
    for (const table of tables) {
      await sql`delete from ${sql.id(table)}`.execute(connection)
      await this.resetAutoIncrement(connection, table)
    }
  }

  async resetAutoIncrement(connection: Executor, table: string): Promise<void> {
    // Only AUTOINCREMENT tables have a counter, kept in sqlite_sequence (which exists once one does).
    const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'sqlite_sequence'`.execute(connection)
    if (Number(rows[0]?.n) > 0) await sql`delete from sqlite_sequence where name = ${table}`.execute(connection)
  }

  // SQLite has no named locks; the database write lock is one. BEGIN IMMEDIATE takes it and the file
  // lock ends with the process, so a crash leaves nothing behind. The wait is polled with busy_timeout
  // at 0: better-sqlite3 waits synchronously, which would freeze every other runner in the process.
  override readonly migrationLockIsTransaction = true

  async acquireMigrationLock(connection: Executor, _name: string, timeoutMs: number): Promise<boolean> {
    const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(connection)
    const previous = rows[0]?.timeout ?? 0
    await sql`pragma busy_timeout = 0`.execute(connection)
    const deadline = Date.now() + timeoutMs
    try {
      for (;;) {
        try {
          await sql`begin immediate`.execute(connection)
          return true
        } catch (error) {
          if (stringField(error, 'code')?.startsWith('SQLITE_BUSY') !== true) throw error
          if (Date.now() >= deadline) return false
          await new Promise((resolve) => setTimeout(resolve, 25))
        }
      }
    } finally {
      await sql`pragma busy_timeout = ${sql.lit(previous)}`.execute(connection)
    }
  }

  async releaseMigrationLock(connection: Executor): Promise<void> {
    await sql`commit`.execute(connection)
  }

  protected async loadColumns(executor: Executor, table: string, schema: string | undefined): Promise<Map<string, ColumnInfo>> {
    const { rows } = await sql<{ name: string; notnull: number; pk: number; type: string }>`
      select name, "notnull", pk, type from pragma_table_info(${table}, ${schema ?? 'main'})`.execute(executor)
    // An INTEGER PRIMARY KEY is the rowid and never NULL; other key columns may be (a SQLite quirk).
    const rowid = rows.filter((r) => r.pk > 0).length === 1 ? rows.find((r) => r.pk > 0 && r.type.toUpperCase() === 'INTEGER') : undefined
    return new Map(rows.map((r) => [r.name, { nullable: r.notnull === 0 && r !== rowid, type: r.type }]))
  }

  async resolveError(executor: Executor, parsed: DatabaseError, _error: unknown, hints: ErrorHints): Promise<DatabaseError> {
    const options = carriedOptions(parsed)
    try {
      if (parsed instanceof UniqueConstraintError) return await this.#resolveUnique(executor, parsed, options)
      if (parsed instanceof ForeignKeyError && hints.table !== undefined) {
        return (await this.#resolveForeignKey(executor, hints.table, options)) ?? parsed
      }
      if (parsed instanceof CheckConstraintError && parsed.table === undefined && hints.table !== undefined) {
        return new CheckConstraintError({ constraint: parsed.constraint, table: hints.table }, options)
      }
    } catch {
      // Schema look-ups are best effort; the parsed error is already typed.
    }
    return parsed
  }

  async #resolveUnique(
    executor: Executor,
    parsed: UniqueConstraintError,
    options: DatabaseErrorOptions,
  ): Promise<DatabaseError> {
    if (parsed.table === undefined && parsed.constraint !== undefined) {
      // Expression index reported by name: find its table and the columns it reads.
      const { rows } = await sql<{ tbl: string }>`select tbl_name as tbl from sqlite_schema where type = 'index' and name = ${parsed.constraint}`.execute(executor)
      const table = rows[0]?.tbl
      if (table === undefined) return parsed
      const cols = await sql<{ name: string | null }>`select name from pragma_index_info(${parsed.constraint}) order by seqno`.execute(executor)
      const columns = cols.rows.flatMap((c) => (c.name === null ? [] : [c.name]))
      return new UniqueConstraintError({ constraint: parsed.constraint, table, columns }, options)
    }
    if (parsed.table === undefined || parsed.constraint !== undefined) return parsed
    // SQLite names the columns but not the constraint: prefer the name declared in CREATE TABLE, then
    // the unique index over exactly those columns.
    const sameColumns = (cols: readonly (string | null)[]): boolean =>
      cols.length === parsed.columns.length && cols.every((c, i) => c === parsed.columns[i])
    const declared = (await tableConstraints(executor, parsed.table)).find(
      (c) => (c.kind === 'unique' || c.kind === 'primary key') && sameColumns(c.columns),
    )
    if (declared !== undefined) {
      return new UniqueConstraintError({ constraint: declared.name, table: parsed.table, columns: parsed.columns }, options)
    }
    const { rows } = await sql<{ name: string }>`
      select name from pragma_index_list(${parsed.table}) where "unique" = 1`.execute(executor)
    for (const index of rows) {
      const cols = await sql<{ name: string | null }>`select name from pragma_index_info(${index.name}) order by seqno`.execute(executor)
      if (sameColumns(cols.rows.map((c) => c.name))) {
        return new UniqueConstraintError({ constraint: index.name, table: parsed.table, columns: parsed.columns }, options)
      }
    }
    return parsed
  }

  async #resolveForeignKey(
    executor: Executor,
    table: string,
    options: DatabaseErrorOptions,
  ): Promise<DatabaseError | undefined> {
    const fkName = async (child: string, parent: string): Promise<string | undefined> => {
      const keys = await sql<{ from: string }>`select "from" from pragma_foreign_key_list(${child}) where "table" = ${parent} order by seq`.execute(executor)
      const from = keys.rows.map((k) => k.from)
      return (await tableConstraints(executor, child)).find(
        (c) => c.kind === 'foreign key' && c.columns.length === from.length && c.columns.every((col, i) => col === from[i]),
      )?.name
    }
    // Written to a child table: its own foreign keys name the parent.
    const own = await sql<{ parent: string }>`select distinct "table" as parent from pragma_foreign_key_list(${table})`.execute(executor)
    const parent = own.rows[0]?.parent
    if (own.rows.length === 1 && parent !== undefined) {
      return new ForeignKeyError({ constraint: await fkName(table, parent), table, referencedTable: parent }, options)
    }
    // Deleted from a parent table: find the one table that references it.
    const children = await sql<{ child: string }>`
      select m.name as child from sqlite_schema m, pragma_foreign_key_list(m.name) f
      where m.type = 'table' and f."table" = ${table} group by m.name`.execute(executor)
    const child = children.rows[0]?.child
    if (own.rows.length === 0 && children.rows.length === 1 && child !== undefined) {
      return new ForeignKeyError({ constraint: await fkName(child, table), table: child, referencedTable: table }, options)
    }
    return undefined
  }
}

async function tableConstraints(executor: Executor, table: string): Promise<NamedConstraint[]> {
  const { rows } = await sql<{ sql: string | null }>`select sql from sqlite_schema where type = 'table' and name = ${table}`.execute(executor)
  const text = rows[0]?.sql
  return text == null ? [] : namedConstraints(text)
}
