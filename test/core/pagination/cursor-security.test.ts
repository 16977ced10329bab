import { BadRequestError, paginateCursor, type CursorOrderBy } from 'kysera/core'
import type { Kysely } from 'kysely'
import { beforeAll, expect, it } from 'vitest'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../../setup/dialects.js'
import { autoIdColumn } from '../../setup/schema.js'

const b64 = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url')

describeEachDialect('cursor integrity', (t) => {
  const sent: string[] = []
  let logged: Kysely<AnyDB>
  const orderBy: CursorOrderBy[] = [{ column: 'score', direction: 'desc' }, { column: 'id' }]

  beforeAll(async () => {
    await t.db.schema.createTable('items').addColumn('id', ...autoIdColumn(t.db)).addColumn('score', 'integer', (c) => c.notNull()).execute()
    await t.db.insertInto('items').values(Array.from({ length: 10 }, (_, i) => ({ score: i % 3 }))).execute()
    logged = t.connect({ onQuery: (q) => sent.push(q.sql) })
  })

  const page = (options: Partial<Parameters<typeof paginateCursor>[1]>) =>
    paginateCursor(logged.selectFrom('items').selectAll(), { db: logged, orderBy, limit: 3, ...options })

  const expectInvalid = async (options: Partial<Parameters<typeof paginateCursor>[1]>, why: string) => {
    sent.length = 0
    const e = await catchError(() => page(options))
    expect(e, why).toBeInstanceOf(BadRequestError)
    expect((e as BadRequestError).code, why).toBe('INVALID_CURSOR')
    expect(sent, `${why}: no SQL may be sent`).toEqual([])
  }

  it('is opaque base64url', async () => {
    const { pagination } = await page({})
    expect(pagination.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/)
  })

  it('rejects malformed cursors with INVALID_CURSOR and sends no SQL', async () => {
    const good = (await page({})).pagination.nextCursor as string
    await expectInvalid({ cursor: '!!!not-base64!!!' }, 'non-base64 characters')
    await expectInvalid({ cursor: b64('{not json') }, 'invalid JSON')
    await expectInvalid({ cursor: b64('"a string"') }, 'JSON that is not an object')
    await expectInvalid({ cursor: b64([1, 2]) }, 'JSON array')
    await expectInvalid({ cursor: b64({ v: 99, o: 'x', k: [1, 2] }) }, 'unknown version')
    await expectInvalid({ cursor: good.slice(0, -4) }, 'truncated')
    await expectInvalid({ cursor: 'a'.repeat(10_000) }, 'oversized')
    await expectInvalid({ cursor: `${good}.${good}` }, 'signature where none is expected')
    await expectInvalid({ before: b64('{}') }, 'empty object as before')
  })

  it('rejects a cursor from another ordering', async () => {
    const other = await paginateCursor(t.db.selectFrom('items').selectAll(), { db: t.db, orderBy: [{ column: 'score' }, { column: 'id' }], limit: 3 })
    await expectInvalid({ cursor: other.pagination.nextCursor }, 'cursor from score asc used with score desc')
    const single = await paginateCursor(t.db.selectFrom('items').selectAll(), { db: t.db, orderBy: [{ column: 'id' }], limit: 3 })
    await expectInvalid({ cursor: single.pagination.nextCursor }, 'cursor with another column list')
  })

  it('never takes column names from a cursor', async () => {
    const good = JSON.parse(Buffer.from((await page({})).pagination.nextCursor as string, 'base64url').toString()) as Record<string, unknown>
    await expectInvalid({ cursor: b64({ ...good, k: [{ column: 'id; drop table items' }, 1] }) }, 'object value carrying a column')
    await expectInvalid({ cursor: b64({ ...good, k: [['c', 'id) or 1=1 --'], 1] }) }, 'unknown tag')
    await expectInvalid({ cursor: b64({ ...good, k: [1] }) }, 'too few values')
    // An injection-shaped *value* is only ever a bound parameter: the query runs and finds what it finds.
    sent.length = 0
    await page({ cursor: b64({ ...good, k: ['1) or 1=1 --', 1] }) }).catch(() => undefined)
    expect(sent.join('\n')).not.toContain('or 1=1')
    const count = await t.db.selectFrom('items').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
    expect(Number(count.n)).toBe(10)
  })

  it('signs cursors with a secret and rejects tampering', async () => {
    const secret = 's3cret'
    const first = await page({ secret })
    const cursor = first.pagination.nextCursor as string
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/)
    const second = await page({ secret, cursor })
    expect(second.data).toHaveLength(3)

    const [body, signature] = cursor.split('.') as [string, string]
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString()) as { k: unknown[] }
    const forged = b64({ ...payload, k: [0, 1] })
    await expectInvalid({ secret, cursor: `${forged}.${signature}` }, 'payload changed, old signature')
    const flipped = signature.slice(0, -1) + (signature.endsWith('A') ? 'B' : 'A')
    await expectInvalid({ secret, cursor: `${body}.${flipped}` }, 'signature changed')
    await expectInvalid({ secret, cursor: body }, 'signature stripped')
    await expectInvalid({ secret: 'another', cursor }, 'signed with another secret')
    await expectInvalid({ secret, cursor: (await page({})).pagination.nextCursor }, 'unsigned cursor while a secret is set')
  })
})
