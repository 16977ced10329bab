import { beforeAll, beforeEach, expect, it } from 'vitest'
import { BadRequestError, createORM, NotFoundError, type Plugin, type Repository } from 'kysera'
import { auditPlugin, createAuditTable, withAuditContext, type AuditMethods, type AuditOptions } from 'kysera/plugins/audit'
import { softDeletePlugin, type SoftDeleteMethods } from 'kysera/plugins/soft-delete'
import type { CompiledQuery, Kysely, KyselyPlugin } from 'kysely'
import { catchError } from '../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../setup/dialects.js'
import { must } from '../setup/must.js'
import { createPluginTables, emptyPluginTables } from './fixtures.js'

type User = { id: number; email: string; name: string | null; deleted_at: unknown }
type Users = Repository<AnyDB, 'users', User, Partial<User>, Partial<User>> & AuditMethods<User> & SoftDeleteMethods<User>

describeEachDialect('auditPlugin', (t) => {
  const db = (): Kysely<AnyDB> => t.db
  const usersWith = (plugins: Plugin[], executor: Kysely<AnyDB> = db()): Users => createORM(executor, plugins).createRepository({ tableName: 'users' }) as unknown as Users
  const users = (options: AuditOptions = {}): Users => usersWith([auditPlugin({ getUserId: () => 'system', ...options })])
  const logs = () => db().selectFrom('audit_logs').selectAll().orderBy('id').execute()

  beforeAll(async () => {
    await createPluginTables(t.db)
    await createAuditTable(t.db)
  })
  beforeEach(async () => {
    await emptyPluginTables(t.db)
    await db().deleteFrom('audit_logs').execute()
  })

  it('writes one audit row per entity for create, update, delete and every bulk method', async () => {
    const repo = users()
    const a = await repo.create({ email: 'a@x.io', name: 'A' })
    await repo.update(a.id, { name: 'A2' })
    const [b, c] = await repo.bulkCreate([{ email: 'b@x.io' }, { email: 'c@x.io' }])
    await repo.bulkUpdate([{ id: must(b).id, data: { name: 'B' } }, { id: must(c).id, data: { name: 'C' } }])
    await repo.bulkDelete([must(b).id, must(c).id])
    await repo.delete(a.id)
    const rows = await repo.getAuditLogs({ limit: 50 })
    expect(rows.map((r) => `${r.operation}:${r.entity_id}`).reverse()).toEqual([
      `INSERT:${a.id}`,
      `UPDATE:${a.id}`,
      `INSERT:${must(b).id}`,
      `INSERT:${must(c).id}`,
      `UPDATE:${must(b).id}`,
      `UPDATE:${must(c).id}`,
      `DELETE:${must(b).id}`,
      `DELETE:${must(c).id}`,
      `DELETE:${a.id}`,
    ])
    const update = must(rows.find((r) => r.operation === 'UPDATE' && r.entity_id === String(a.id)))
    expect(update.old_values).toMatchObject({ name: 'A' })
    expect(update.new_values).toMatchObject({ name: 'A2' })
    expect(update.changed_by).toBe('system')
    expect(must(rows.find((r) => r.operation === 'DELETE' && r.entity_id === String(a.id))).new_values).toBeNull()
  })

  it('sends the audit insert of single writes compiled once, with each write’s values, and builds it anew under Kysely plugins', async () => {
    const sent: CompiledQuery[] = []
    const conn = t.connect({ onQuery: (q) => sent.push(q as CompiledQuery) })
    const repo = usersWith([auditPlugin({ getUserId: () => 'system' })], conn)
    const a = await repo.create({ email: 'a@x.io', name: 'A' })
    const b = await repo.create({ email: 'b@x.io', name: 'B' })
    const inserts = sent.filter((q) => q.sql.includes('audit_logs'))
    expect(inserts).toHaveLength(2)
    expect(inserts[1]?.query).toBe(inserts[0]?.query)
    // Under a Kysely plugin (here one that changes nothing) every statement is built anew, and still right.
    const passThrough: KyselyPlugin = { transformQuery: (args) => args.node, transformResult: (args) => Promise.resolve(args.result) }
    const plugged = usersWith([auditPlugin({ getUserId: () => 'other' })], conn.withPlugin(passThrough))
    const c = await plugged.create({ email: 'c@x.io', name: 'C' })
    const rows = (await repo.getAuditLogs({ limit: 10 })).reverse()
    expect(rows.map((r) => [r.entity_id, r.changed_by, (r.new_values as { name?: unknown } | null)?.name])).toEqual([
      [String(a.id), 'system', 'A'],
      [String(b.id), 'system', 'B'],
      [String(c.id), 'other', 'C'],
    ])
  })

  it('audits soft deletes and restores as such', async () => {
    const repo = usersWith([softDeletePlugin(), auditPlugin()])
    const a = await repo.create({ email: 'a@x.io' })
    await repo.delete(a.id)
    await repo.restore(a.id)
    expect((await repo.getAuditHistory(a.id)).map((r) => r.operation)).toEqual(['INSERT', 'SOFT_DELETE', 'RESTORE'])
    const soft = must((await repo.getAuditHistory(a.id))[1])
    expect(soft.old_values).toMatchObject({ deleted_at: null })
    expect(soft.new_values?.deleted_at).not.toBeNull()
  })

  it('rolls the audit rows back with the change', async () => {
    const orm = createORM(db(), [auditPlugin()])
    await catchError(() =>
      orm.transaction(async (tx) => {
        const repo = tx.createRepository({ tableName: 'users' })
        await repo.create({ email: 'gone@x.io' })
        await repo.bulkCreate([{ email: 'gone2@x.io' }])
        throw new Error('abort after the writes')
      }),
    )
    expect(await logs()).toEqual([])
    expect(await db().selectFrom('users').selectAll().execute()).toEqual([])
  })

  it('never mixes actors across 50 concurrent requests', async () => {
    const repo = users({ getUserId: () => 'fallback' })
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        withAuditContext({ userId: `user-${i}`, metadata: { request: i } }, async () => {
          await new Promise((resolve) => setTimeout(resolve, (i * 7) % 13))
          await repo.create({ email: `r${i}@x.io` })
        }),
      ),
    )
    const rows = await logs()
    expect(rows).toHaveLength(50)
    for (const row of rows) {
      const index = Number(/^r(\d+)@/.exec(String((typeof row.new_values === 'string' ? JSON.parse(row.new_values) : row.new_values).email))?.[1])
      expect(row.changed_by).toBe(`user-${index}`)
    }
    await repo.create({ email: 'outside@x.io' })
    expect((await logs()).at(-1)?.changed_by).toBe('fallback')
  })

  it('sends the same number of statements for bulk calls of 1 and of 1,000 rows', async () => {
    const counts: number[] = []
    const auditInserts: { sql: string; parameters: readonly unknown[] }[] = []
    for (const n of [1, 1000]) {
      await emptyPluginTables(db())
      const statements: string[] = []
      const onQuery = (q: { sql: string; parameters: readonly unknown[] }) => {
        // The adapter reads SQLite's version once, on first use: a probe, not a statement of the call.
        if (q.sql.startsWith('select sqlite_version()')) return
        statements.push(q.sql)
        if (/^insert into .audit_logs./.test(q.sql)) auditInserts.push(q)
      }
      const repo = usersWith([auditPlugin()], t.connect({ onQuery }))
      const created = await repo.bulkCreate(Array.from({ length: n }, (_, i) => ({ email: `${n}-${i}@x.io` })))
      statements.length = 0
      auditInserts.length = 0
      await repo.bulkUpdate(created.map((u) => ({ id: u.id, data: { name: `renamed ${u.id}` } })))
      counts.push(statements.length)
    }
    expect(counts[0]).toBe(counts[1])
    // PostgreSQL binds one JSON document however many rows; the others a VALUES list.
    const [insert] = auditInserts
    expect(auditInserts).toHaveLength(1)
    if (t.dialect === 'postgres') expect([insert?.sql.includes('jsonb_to_recordset('), insert?.parameters.length]).toEqual([true, 1])
    else expect(insert?.parameters.length).toBe(8000)
    const last = await db().selectFrom('audit_logs').selectAll().where('operation', '=', 'UPDATE').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    const parse = (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v)
    expect(parse(last.new_values)).toMatchObject({ id: Number(last.entity_id), name: `renamed ${last.entity_id}` })
    expect(parse(last.old_values)).toMatchObject({ id: Number(last.entity_id), name: null })
    // BEGIN, the old rows in one read, the update, the audit rows in one insert, COMMIT (and, on MySQL,
    // a read back of the rows, which has no RETURNING).
    expect(counts[0]).toBe(t.dialect === 'mysql' ? 6 : 5)
    const updates = await db().selectFrom('audit_logs').where('operation', '=', 'UPDATE').select('entity_id').execute()
    expect(updates).toHaveLength(1001) // one audit row per updated entity, 1 + 1,000
  })

  it('refuses an afterWrite that does not come from a repository, writing nothing', async () => {
    const fresh = t.connect() // a Kysely instance no repository has used
    const event = { table: 'users', primaryKey: 'id', operation: 'UPDATE' as const, method: 'update', rows: [{ id: 1, after: { id: 1 } }] }
    const error = await catchError(async () => auditPlugin().afterWrite?.(event, fresh))
    expect(error).toBeInstanceOf(BadRequestError)
    expect(error).toMatchObject({ code: 'NOT_INITIALIZED' })
    expect(await logs()).toEqual([])
  })

  it('stores metadata and values as JSON, bigint as text and nested objects whole, for single and bulk writes', async () => {
    const repo = users({ metadata: () => ({ trace: { id: 2n ** 60n, tags: ['a', 'ü"\\'] } }) })
    await withAuditContext({ userId: 7, metadata: { request: 1 } }, async () => {
      const [a] = await repo.bulkCreate([{ email: 'a@x.io', name: 'quote " and \\ and 😀' }, { email: 'b@x.io' }])
      await repo.update(must(a).id, { name: null })
    })
    // jsonb comes back parsed on PostgreSQL, so a document stored as a JSON string would show as one.
    const parse = (v: unknown) => (t.dialect === 'postgres' || typeof v !== 'string' ? v : JSON.parse(v))
    const rows = await logs()
    expect(rows).toHaveLength(3)
    for (const r of rows) expect(parse(r.metadata)).toEqual({ trace: { id: String(2n ** 60n), tags: ['a', 'ü"\\'] }, request: 1 })
    expect(rows.map((r) => r.changed_by)).toEqual(['7', '7', '7'])
    expect(parse(rows[0]?.new_values)).toMatchObject({ email: 'a@x.io', name: 'quote " and \\ and 😀' })
    expect(parse(rows[2]?.old_values)).toMatchObject({ name: 'quote " and \\ and 😀' })
    expect(parse(rows[2]?.new_values)).toMatchObject({ name: null })
  })

  it('captures only what it is told to', async () => {
    const repo = users({ captureOldValues: false, captureNewValues: false })
    const a = await repo.create({ email: 'a@x.io' })
    await repo.update(a.id, { name: 'x' })
    expect((await logs()).map((r) => [r.old_values, r.new_values])).toEqual([
      [null, null],
      [null, null],
    ])
    const only = usersWith([auditPlugin({ tables: ['posts'] })])
    await only.create({ email: 'not-audited@x.io' })
    expect(await logs()).toHaveLength(2)
  })

  it('reads the trail and restores a deleted row with its id, or an updated one', async () => {
    const repo = users()
    const a = await repo.create({ email: 'a@x.io', name: 'original' })
    await repo.update(a.id, { name: 'changed' })
    const updateLog = must((await repo.getAuditLogs({ operation: 'UPDATE' }))[0])
    expect(await repo.restoreFromAudit(updateLog.id)).toMatchObject({ id: a.id, name: 'original' })
    await repo.delete(a.id)
    const deleteLog = must((await repo.getAuditLogs({ operation: 'DELETE', userId: 'system' }))[0])
    expect(await repo.getAuditLog(deleteLog.id)).toMatchObject({ operation: 'DELETE', entity_id: String(a.id) })
    const back = await repo.restoreFromAudit(deleteLog.id)
    expect(back).toMatchObject({ id: a.id, email: 'a@x.io', name: 'original' })
    expect(await repo.findById(a.id)).toMatchObject({ name: 'original' })
    expect((await repo.getAuditHistory(a.id)).map((r) => r.operation)).toEqual(['INSERT', 'UPDATE', 'UPDATE', 'DELETE', 'INSERT'])
    expect((await repo.getAuditLogs({ from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) })).length).toBe(5)
    expect(await repo.getAuditLog(999_999)).toBeNull()
    expect(await catchError(() => repo.restoreFromAudit(999_999))).toBeInstanceOf(NotFoundError)
    const insertLog = must((await repo.getAuditLogs({ operation: 'INSERT' })).at(-1))
    expect(await catchError(() => repo.restoreFromAudit(insertLog.id))).toMatchObject({ code: 'NOT_RESTORABLE' })
    expect(await catchError(() => repo.getAuditLogs({ operation: 'DROP' as never }))).toBeInstanceOf(BadRequestError)
    expect(await catchError(() => repo.getAuditLog(-1))).toBeInstanceOf(BadRequestError)
  })

  it('creates the audit table safely from two connections at once', async () => {
    await Promise.all([createAuditTable(t.connect(), 'audit_race'), createAuditTable(t.connect(), 'audit_race')])
    await createAuditTable(db(), 'audit_race')
    expect(await db().selectFrom('audit_race').selectAll().execute()).toEqual([])
  })

  it('rejects malformed options', () => {
    expect(() => auditPlugin({ auditTable: '' })).toThrow(BadRequestError)
    expect(() => auditPlugin({ getUserId: 'me' as never })).toThrow('Invalid getUserId')
    expect(() => auditPlugin({ captureOldValues: 1 as never })).toThrow('Invalid captureOldValues')
  })
})
