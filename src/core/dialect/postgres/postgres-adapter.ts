import { sql } from 'kysely'
import type { DatabaseError } from '../../errors/database-error.js'
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js'
import { BaseKyseraAdapter, carriedOptions } from '../base-adapter.js'
import type { Executor } from '../dialect.js'
import type { ColumnInfo } from '../table-columns-cache.js'

/** PostgreSQL: RETURNING, transactional DDL, index-friendly row values, 65,535 bind parameters. */
export class PostgresKyseraAdapter extends BaseKyseraAdapter {
  readonly dialect = 'postgres' as const
  readonly supportsReturning = true
  readonly supportsTransactionalDdl = true
  readonly rowValueSeekUsesIndex = true
  // The wire protocol counts parameters in an Int16; node-postgres silently corrupts the message past it.
  readonly maxBindParameters = 65_535
  readonly nullsOrdering = 'clause' as const
  readonly cursorTextType = 'text' as const
  // Timestamps lose microseconds in a JS Date; numeric is often given a `parseFloat` type parser.
  // Integers (`pg` returns bigint as a string, or a BigInt with a custom parser), text and uuid come
  // back exact.
  exactInDriver(type: string): boolean {
    return /^(smallint|integer|bigint|text|character varying(\(\d+\))?|uuid)$/.test(type)
  }
  override readonly anonymousPlaceholders = false
  readonly bulkInsertForm = 'unnest' as const
  readonly bulkUpdateForm = 'unnest' as const
  // Far below the protocol's 1 GiB message limit; keeps one statement's memory on both sides bounded.
  readonly maxStatementBytes = 64 * 1024 * 1024
  readonly upsertForm = 'on-conflict' as const
  readonly supportsForUpdate = true

  async listTables(executor: Executor): Promise<string[]> {
    const { rows } = await sql<{ name: string }>`
      select c.relname as name from pg_class c where c.relkind in ('r', 'p')
        and c.relnamespace = any(select oid from pg_namespace where nspname = any(current_schemas(false)))
      order by 1`.execute(executor)
    return rows.map((r) => r.name)
  }

  async foreignKeyPairs(executor: Executor): Promise<{ table: string; references: string }[]> {
    const { rows } = await sql<{ table: string; references: string }>`
      select c1.relname as "table", c2.relname as "references"
      from pg_constraint k join pg_class c1 on c1.oid = k.conrelid join pg_class c2 on c2.oid = k.confrelid
      where k.contype = 'f' and c1.relnamespace = any(select oid from pg_namespace where nspname = any(current_schemas(false)))`.execute(executor)
    return rows
  }

  // One TRUNCATE for all tables: foreign keys among them are fine, and RESTART IDENTITY resets sequences.
  async truncateTables(connection: Executor, tables: readonly string[]): Promise<void> {
    if (tables.length === 0) return
    await sql`truncate ${sql.join(tables.map((t) => sql.id(t)))} restart identity`.execute(connection)
  }

  async resetAutoIncrement(connection: Executor, table: string): Promise<void> {
    await sql`select setval(s.seq, 1, false) from (
      select pg_get_serial_sequence(quote_ident(${table}), a.attname) as seq from pg_attribute a
      where a.attrelid = to_regclass(quote_ident(${table})) and a.attnum > 0 and not a.attisdropped) s
      where s.seq is not null`.execute(connection)
  }

  // An advisory lock on hashtext(name), polled so the wait can end at timeoutMs; a session lock, so a
  // crashed runner's lock is gone as soon as the server sees its connection close.
  async acquireMigrationLock(connection: Executor, name: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(hashtext(${name})) as locked`.execute(connection)
      if (rows[0]?.locked === true) return true
      if (Date.now() >= deadline) return false
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  async releaseMigrationLock(connection: Executor, name: string): Promise<void> {
    await sql`select pg_advisory_unlock(hashtext(${name}))`.execute(connection)
  }

  protected async loadColumns(executor: Executor, table: string, schema: string | undefined): Promise<Map<string, ColumnInfo>> {
    const name = [schema, table].filter((p) => p !== undefined).map((p) => `"${p.replaceAll('"', '""')}"`).join('.')
    const { rows } = await sql<{ name: string; nullable: boolean; type: string }>`
      select attname as name, not attnotnull as nullable, format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = to_regclass(${name}) and attnum > 0 and not attisdropped
      order by attnum`.execute(executor)
    return new Map(rows.map((r) => [r.name, { nullable: r.nullable, type: r.type }]))
  }

  async resolveError(executor: Executor, parsed: DatabaseError): Promise<DatabaseError> {
    // The server names constraint, table and key columns itself; only a hidden `detail` (a role
    // without SELECT on the columns) leaves the columns to look up.
    if (!(parsed instanceof UniqueConstraintError) || parsed.columns.length > 0) return parsed
    if (parsed.constraint === undefined) return parsed
    try {
      const { rows } = await sql<{ column: string }>`
        select a.attname as "column"
        from pg_index i
        join pg_class c on c.oid = i.indexrelid
        join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey::int2[])
        where c.relname = ${parsed.constraint} and n.nspname = any(current_schemas(false))
        order by array_position(i.indkey::int2[], a.attnum)`.execute(executor)
      if (rows.length === 0) return parsed
      return new UniqueConstraintError(
        { constraint: parsed.constraint, table: parsed.table, columns: rows.map((r) => r.column) },
        carriedOptions(parsed),
      )
    } catch {
      // An aborted transaction refuses further queries; the parsed error is still right.
      return parsed
    }
  }
}
