// The three plugins in every order give the same rows and the same audit trail (DESIGN §4.4).
import { beforeAll, expect, it } from 'vitest'
import { createORM, type Plugin } from 'kysera'
import { auditPlugin, createAuditTable, withAuditContext } from 'kysera/plugins/audit'
import { softDeletePlugin } from 'kysera/plugins/soft-delete'
import { timestampsPlugin } from 'kysera/plugins/timestamps'
import type { Kysely } from 'kysely'
import { describeEachDialect, type AnyDB } from '../setup/dialects.js'
import { must } from '../setup/must.js'
import { createPluginTables, emptyPluginTables } from './fixtures.js'

const FIXED = '2024-03-04T05:06:07.000Z'

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items]
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]))
}

describeEachDialect('soft delete, timestamps and audit together', (t) => {
  const db = (): Kysely<AnyDB> => t.db
  beforeAll(async () => {
    await createPluginTables(t.db)
    await createAuditTable(t.db)
  })

  /** One scenario; returns the table and the audit trail with volatile values normalised. */
  async function scenario(plugins: Plugin[]): Promise<{ rows: unknown[]; audit: unknown[] }> {
    await emptyPluginTables(db())
    await db().deleteFrom('audit_logs').execute()
    const users = createORM(db(), plugins).createRepository({ tableName: 'users' }) as unknown as {
      create(i: object): Promise<{ id: number }>
      bulkCreate(i: object[]): Promise<{ id: number }[]>
      update(id: number, i: object): Promise<unknown>
      bulkUpdate(i: { id: number; data: object }[]): Promise<unknown>
      delete(id: number): Promise<boolean>
      bulkDelete(ids: number[]): Promise<number>
      restore(id: number): Promise<unknown>
      findAll(): Promise<{ email: string }[]>
    }
    await withAuditContext({ userId: 'ada' }, async () => {
      const a = await users.create({ email: 'a@x.io' })
      const [b, c] = await users.bulkCreate([{ email: 'b@x.io' }, { email: 'c@x.io' }])
      await users.update(a.id, { name: 'A' })
      await users.bulkUpdate([{ id: must(b).id, data: { name: 'B' } }, { id: must(c).id, data: { name: 'C' } }])
      await users.delete(a.id)
      await users.bulkDelete([must(b).id])
      await users.restore(a.id)
    })
    const visible = (await users.findAll()).map((u) => u.email)
    const rows = (await db().selectFrom('users').selectAll().orderBy('id').execute()).map((r) => ({ ...r, id: undefined, deleted_at: r.deleted_at === null ? null : 'set' }))
    const audit = (await db().selectFrom('audit_logs').selectAll().orderBy('id').execute()).map((r) => {
      const parse = (v: unknown): unknown => (v === null ? null : typeof v === 'string' ? JSON.parse(v) : v)
      const clean = (v: unknown): unknown => {
        if (v === null || typeof v !== 'object') return v
        const { id: _id, ...o } = v as Record<string, unknown>
        if (o.deleted_at !== null && o.deleted_at !== undefined) o.deleted_at = 'set'
        return o
      }
      return { operation: r.operation, changed_by: r.changed_by, old: clean(parse(r.old_values)), new: clean(parse(r.new_values)) }
    })
    return { rows: [visible, rows], audit }
  }

  it('gives identical rows and audit entries for all six plugin orders', async () => {
    const make = (): Plugin[] => [softDeletePlugin(), timestampsPlugin({ getTimestamp: () => (t.dialect === 'mysql' ? FIXED.replace('T', ' ').replace('Z', '') : FIXED) }), auditPlugin()]
    const orders = permutations([0, 1, 2])
    const results = []
    for (const order of orders) {
      const plugins = make()
      results.push(await scenario(order.map((i) => plugins[i] as Plugin)))
    }
    for (const result of results.slice(1)) expect(result).toEqual(results[0])

    const first = results[0] as { rows: unknown[]; audit: { operation: string; new: Record<string, unknown> | null }[] }
    expect(first.rows[0]).toEqual(['a@x.io', 'c@x.io']) // b stays soft-deleted and hidden
    expect(first.audit.map((a) => a.operation)).toEqual(['INSERT', 'INSERT', 'INSERT', 'UPDATE', 'UPDATE', 'UPDATE', 'SOFT_DELETE', 'SOFT_DELETE', 'RESTORE'])
    // Timestamps show in the audit's new values.
    expect(first.audit[0]?.new?.created_at).not.toBeNull()
    expect(first.audit[3]?.new?.updated_at).not.toBeNull()
  })
})
