import { randomUUID } from 'node:crypto'
import { beforeAll, beforeEach, expect, it, vi } from 'vitest'
import { BadRequestError, CheckConstraintError, createORM, createRepository, NotFoundError, PluginError, UniqueConstraintError, ValidationError, type Plugin } from 'kysera'
import { OperationNodeTransformer, PrimitiveValueListNode, sql, ValueNode, type Kysely, type KyselyPlugin } from 'kysely'
import { z } from 'zod'
import { getAdapter } from '../../src/core/dialect/get-adapter.js'
import { catchError } from '../setup/catch-error.js'
import { must } from '../setup/must.js'
import { describeEachDialect } from '../setup/dialects.js'
import { autoIdColumn } from '../setup/schema.js'
import { createPeopleAndTags, resetPeopleAndTags, statementLog, type TestDB } from './fixtures.js'

const statementsStarting = (log: string[], verb: string): string[] => log.filter((s) => s.toLowerCase().startsWith(verb))

describeEachDialect('repository bulk writes', (t) => {
  const people = (db: Kysely<TestDB> = t.db as Kysely<TestDB>) => createRepository(db, { tableName: 'people' })
  const tags = () => createRepository(t.db as Kysely<TestDB>, { tableName: 'tags' })
  const peopleRows = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => ({ email: `${prefix}${i}@x.io`, name: `${prefix}${i}`, age: (i % 90) + 1 }))

  beforeAll(() => createPeopleAndTags(t.db))
  beforeEach(() => resetPeopleAndTags(t.db))

  it('bulkCreate returns the rows in input order with their generated keys', async () => {
    const created = await people().bulkCreate(peopleRows(25))
    expect(created.map((p) => p.email)).toEqual(peopleRows(25).map((p) => p.email))
    expect(new Set(created.map((p) => p.id)).size).toBe(25)
    expect(await people().findByIds(created.map((p) => p.id))).toEqual(created)
  })

  it('findByIds reads 70,000 ids in order: one array parameter on PostgreSQL, one JSON document on SQLite, chunks under the limit on MySQL', async () => {
    const created = await people().bulkCreate(peopleRows(300))
    const ids = created.map((p) => p.id)
    // Mostly missing ids, as strings too, so the reads must match numbers and strings alike.
    const asked = [...Array.from({ length: 69_700 }, (_, i) => 1_000_000 + i), ...ids.slice().reverse().map((id, i) => (i % 2 === 0 ? String(id) : id))]
    const log = statementLog()
    const found = await people(t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>).findByIds(asked)
    expect(found.map((p) => p.id)).toEqual(ids.slice().reverse())
    const reads = log.sql.flatMap((s, i) => (s.startsWith('select * from "people"') || s.startsWith('select * from `people`') ? [log.parameters[i]] : []))
    if (t.dialect === 'mysql') expect(reads).toEqual([65_535, 70_000 - 65_535])
    else expect(reads).toEqual([1])
    if (t.dialect === 'sqlite') expect(log.sql.some((s) => s.includes('json_each(?)'))).toBe(true)
  })

  it('bulkCreate accepts rows with different columns and caller-given string keys', async () => {
    const mixed = await people().bulkCreate([{ email: 'a@x.io', name: 'A' }, { email: 'b@x.io', name: 'B', age: 5, bio: 'hi' }, { email: 'c@x.io', name: 'C' }])
    expect(mixed.map((p) => [p.name, p.age, p.bio])).toEqual([['A', null, null], ['B', 5, 'hi'], ['C', null, null]])
    const ids = [randomUUID(), randomUUID(), randomUUID()]
    const created = await tags().bulkCreate(ids.map((id, i) => ({ id, label: `l${i}`, weight: i })))
    expect(created.map((r) => r.id)).toEqual(ids)
  })

  it('bulkCreate sends one INSERT per chunk, under the bind-parameter limit', async () => {
    const log = statementLog()
    const rows = t.dialect === 'postgres' ? 70_000 : 25_000
    // A NUL in one name: bound like any other text.
    const input = peopleRows(rows).map((p, i) => (i === 7 && t.dialect === 'sqlite' ? { ...p, name: 'nul\0name' } : p))
    const created = await people(t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>).bulkCreate(input)
    const inserts = log.sql.flatMap((s, i) => (s.startsWith('insert') ? [log.parameters[i] as number] : []))
    if (t.dialect === 'postgres') {
      // One array per column: 70,000 rows × 3 columns (210,000 values, over the 65,535 limit) in one statement.
      expect(inserts).toEqual([3])
      expect(log.sql.find((s) => s.startsWith('insert'))).toContain('unnest(')
    } else {
      const limit = t.dialect === 'sqlite' ? 32_766 : 65_535
      expect(inserts).toHaveLength(Math.ceil(rows / Math.floor(limit / 3)))
      expect(inserts.every((n) => n <= limit)).toBe(true)
      expect(inserts.reduce((a, b) => a + b, 0)).toBe(rows * 3)
    }
    expect(created).toHaveLength(rows)
    expect(created[rows - 1]?.email).toBe(`p${rows - 1}@x.io`)
    expect(created[7]?.name).toBe(t.dialect === 'sqlite' ? 'nul\0name' : 'p7')
    expect(await people().count()).toBe(rows)
  }, 120_000)

  it('bulk methods take 200,000 rows, more than one spread call can pass as arguments', async () => {
    const n = 200_000
    const created = await people().bulkCreate(Array.from({ length: n }, (_, i) => ({ email: `m${i}@x.io`, name: `m${i}` })))
    expect([created.length, created[n - 1]?.email]).toEqual([n, `m${n - 1}@x.io`])
    const ids = created.map((p) => p.id)
    expect((await people().findByIds(ids)).length).toBe(n)
    const updated = await people().bulkUpdate(ids.map((id, i) => ({ id, data: { age: (i % 50) + 1 } })))
    expect([updated.length, updated[n - 1]?.age]).toEqual([n, ((n - 1) % 50) + 1])
    await people().bulkDelete(ids)
    expect(await people().count()).toBe(0)
  }, 300_000)

  it('bulkCreate binds each value under the variable limit and bulkUpdate on SQLite sends one JSON document, values unchanged', async () => {
    const log = statementLog()
    const repo = people(t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>)
    const tricky = ['', 'quote " and \\ backslash', "it's", 'ü😀 \u2028', '[1,2]', 'null', '3', "x'); drop table people; --"]
    const input = Array.from({ length: 40_000 }, (_, i) => ({ email: `j${i}@x.io`, name: tricky[i % tricky.length] as string, age: i % 3 === 0 ? null : (i % 90) + 1 }))
    const created = await repo.bulkCreate(input)
    expect(created.map((p) => [p.email, p.name, p.age])).toEqual(input.map((p) => [p.email, p.name, p.age]))
    const changes = created.map((p, i) => ({ id: p.id, data: { name: tricky[(i + 1) % tricky.length] as string, bio: i % 2 === 0 ? null : `b${i}` } }))
    const updated = await repo.bulkUpdate(changes)
    expect(updated.map((p) => [p.id, p.name, p.bio])).toEqual(changes.map((c) => [c.id, c.data.name, c.data.bio]))
    expect((await people().findAll()).map((p) => [p.id, p.name, p.bio, p.age])).toEqual(updated.map((p) => [p.id, p.name, p.bio, p.age]))
    const writes = log.sql.flatMap((s, i) => (/^(insert|with|update)/.test(s) ? [[s.split(' ')[0], log.parameters[i]]] : []))
    if (t.dialect === 'sqlite') {
      // 40,000 rows × 3 columns is 120,000 values, over 32,766 variables: four INSERTs of bound values,
      // then the update's rows as one JSON parameter.
      expect(writes).toEqual([['insert', 32_766], ['insert', 32_766], ['insert', 32_766], ['insert', 21_702], ['with', 1]])
      expect(log.sql.filter((s) => s.includes('json_each(?)'))).toHaveLength(1)
      expect(log.sql.find((s) => s.startsWith('insert'))).toMatch(/^insert into "people" \("email", "name", "age"\) values \(\?, \?, \?\), \(\?, \?, \?\), /)
    } else {
      expect(log.sql.some((s) => s.includes('json_each'))).toBe(false)
    }
  }, 120_000)

  it('bulk writes handle column names with a dot, a space or a quote', async () => {
    await t.db.schema.dropTable('odd_names').ifExists().execute()
    await t.db.schema.createTable('odd_names').addColumn('id', ...autoIdColumn(t.db)).addColumn('first.name', 'varchar(20)').addColumn('last "name', 'varchar(20)').execute()
    const repo = createRepository(t.db as Kysely<any>, { tableName: 'odd_names' }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const created = await repo.bulkCreate([{ 'first.name': 'a', 'last "name': 'b' }, { 'first.name': 'c', 'last "name': 'd' }])
    expect(created.map((r) => [r['first.name'], r['last "name']])).toEqual([['a', 'b'], ['c', 'd']])
    const updated = await repo.bulkUpdate(created.map((r, i) => ({ id: r.id, data: { 'first.name': `x${i}` } })))
    expect(updated.map((r) => r['first.name'])).toEqual(['x0', 'x1'])
    await t.db.schema.dropTable('odd_names').execute()
  })

  it('bulkCreate stores each number exactly as create does (on SQLite REAL text in a TEXT column, as a bound number)', async () => {
    await sql`drop table if exists typed_values`.execute(t.db)
    const id = t.dialect === 'postgres' ? sql`id serial primary key` : t.dialect === 'mysql' ? sql`id integer auto_increment primary key` : sql`id integer primary key`
    const binary = t.dialect === 'postgres' ? sql`bytea` : sql`blob`
    await sql`create table typed_values (${id}, label varchar(40), amount double precision, big bigint, bin ${binary})`.execute(t.db)
    const repo = createRepository(t.db as Kysely<any>, { tableName: 'typed_values' }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const values = [3, -0.5, 0.30000000000000004, 1e21, 2 ** 53 - 1, -7, 5e-324]
    const row = (v: number) => ({ label: v, amount: v, big: Number.isSafeInteger(v) ? v : null })
    const singles: Record<string, unknown>[] = []
    for (const v of values) singles.push(await repo.create(row(v)))
    const many = await repo.bulkCreate(values.map(row))
    const withoutId = ({ id: _, ...rest }: Record<string, unknown>) => rest
    expect(many.map(withoutId)).toEqual(singles.map(withoutId))
    if (t.dialect === 'sqlite') expect(many.slice(0, 2).map((r) => r.label)).toEqual(['3.0', '-0.5'])
    // Bytes and a bigint past 2^53 are bound as create binds them.
    const odd = { label: 'bytes', bin: Buffer.from([0, 255, 39]), big: 2n ** 60n + 1n }
    const single = await repo.create(odd)
    expect((await repo.bulkCreate([odd, odd])).map(withoutId)).toEqual([withoutId(single), withoutId(single)])
    await sql`drop table typed_values`.execute(t.db)
  })

  it("bulk writes hand Date values to the Kysely instance's own plugins", async () => {
    // A serialising Kysely plugin turns each Date value node into ISO text, which every driver binds
    // (better-sqlite3 refuses a Date): it must see the rows' values as nodes, not as placeholder text.
    const serialise = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.map(serialise) : v)
    const transformer = new (class extends OperationNodeTransformer {
      protected override transformValue(node: ValueNode): ValueNode {
        return ValueNode.create(serialise(node.value))
      }
      protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
        return PrimitiveValueListNode.create(node.values.map(serialise))
      }
    })()
    const plugin: KyselyPlugin = { transformQuery: (args) => transformer.transformNode(args.node), transformResult: async (args) => args.result }
    const repo = createRepository((t.db as Kysely<any>).withPlugin(plugin), { tableName: 'people' }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const at = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678))
    const created = await repo.bulkCreate([{ email: 'a@x.io', name: 'a', bio: at }, { email: 'b@x.io', name: 'b', bio: null }])
    expect(created.map((p) => p.bio)).toEqual(['2024-01-02T03:04:05.678Z', null])
    const later = new Date(at.getTime() + 1000)
    const updated = await repo.bulkUpdate(created.map((p) => ({ id: p.id, data: { bio: later } })))
    expect(updated.map((p) => p.bio)).toEqual(['2024-01-02T03:04:06.678Z', '2024-01-02T03:04:06.678Z'])
  })

  it('a plugin whose interceptionKey promises no values of its own but binds one stops a bulk write before SQL is sent', async () => {
    const log = statementLog()
    const liar: Plugin = {
      name: 'liar',
      version: '1.0.0',
      interceptQuery: (qb) => (qb as unknown as { modifyEnd: (e: unknown) => typeof qb }).modifyEnd(sql`/* ${'x'} */`),
      interceptionKey: () => 'same',
    }
    const repo = createORM(t.connect({ onQuery: log.onQuery }), [liar]).createRepository({ tableName: 'people' })
    const attempt = catchError(() => repo.bulkCreate(peopleRows(3)))
    if (getAdapter(t.db).anonymousPlaceholders) {
      const error = await attempt
      expect(error).toBeInstanceOf(PluginError)
      expect([(error as PluginError).plugin, (error as PluginError).hook]).toEqual(['liar', 'interceptQuery'])
      expect((error as PluginError).message).toContain('bound values of its own in a bulkCreate statement of "people"')
      expect(log.sql.filter((s) => s.startsWith('insert'))).toEqual([])
    } else {
      // PostgreSQL binds arrays through Kysely; the extra parameter is the server's to refuse.
      expect(await attempt).toBeInstanceOf(Error)
    }
    expect(await people().count()).toBe(0)
  })

  it('bulk writes take Kysely expressions among the values, as create and update do', async () => {
    // The typed inputs refuse expressions; an untyped repository (Kysely<any>) passes them through.
    const repo = createRepository(t.db as Kysely<any>, { tableName: 'people' }) // eslint-disable-line @typescript-eslint/no-explicit-any
    const upper = (text: string) => sql<string>`upper(${text})`
    const created = await repo.bulkCreate([
      { email: 'e1@x.io', name: upper('ada'), age: 1 },
      { email: 'e2@x.io', name: 'bob', age: sql<number>`1 + 1` },
    ])
    expect(created.map((p) => [p.name, p.age])).toEqual([['ADA', 1], ['bob', 2]])
    const updated = await repo.bulkUpdate(created.map((p, i) => ({ id: p.id, data: { name: i === 0 ? 'ann' : upper('bea'), age: 30 + i } })))
    expect(updated.map((p) => [p.name, p.age])).toEqual([['ann', 30], ['BEA', 31]])
    expect((await people().findAll()).map((p) => [p.name, p.age])).toEqual([['ann', 30], ['BEA', 31]])
  })

  it('bulkCreate is all or nothing: one duplicate inserts no row', async () => {
    const rows = [...peopleRows(5), { email: 'p2@x.io', name: 'dup' }]
    expect(await catchError(() => people().bulkCreate(rows))).toBeInstanceOf(UniqueConstraintError)
    expect(await people().count()).toBe(0)
  })

  it('bulkCreate validates every row first and reports every issue', async () => {
    const repo = createRepository(t.db as Kysely<TestDB>, {
      tableName: 'people',
      schemas: { create: z.object({ email: z.email(), name: z.string().min(1), age: z.number().int().positive().optional() }) },
    })
    const error = await catchError(() => repo.bulkCreate([{ email: 'ok@x.io', name: 'ok' }, { email: 'bad', name: '' }, { email: 'x@x.io', name: 'x', age: -3 }]))
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['1.email', '1.name', '2.age'])
    expect(await people().count()).toBe(0)
  })

  if (t.dialect === 'mysql') {
    it('bulkCreate returns exactly its own rows while four connections insert into the same table', async () => {
      const results = await Promise.all([0, 1, 2, 3].map((c) => people(t.connect() as Kysely<TestDB>).bulkCreate(peopleRows(400, `c${c}-`))))
      for (const [c, created] of results.entries()) {
        expect(created.map((p) => p.email)).toEqual(peopleRows(400, `c${c}-`).map((p) => p.email))
      }
      expect(new Set(results.flat().map((p) => p.id)).size).toBe(1600)
    })
  }

  it('bulkUpdate applies a different change to each row, set-based, and returns them in input order', async () => {
    const created = await people().bulkCreate(peopleRows(300))
    const log = statementLog()
    const items = created.map((p, i) => ({ id: p.id, data: { name: `renamed ${i}`, age: 300 - i } })).reverse()
    const updated = await people(t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>).bulkUpdate(items)
    expect(updated.map((p) => [p.id, p.name, p.age])).toEqual(items.map((i) => [i.id, i.data.name, i.data.age]))
    expect(await people().findById(must(created[7]).id)).toMatchObject({ name: 'renamed 7', age: 293 })
    // One statement for all 300 rows: PostgreSQL UPDATE … FROM unnest, MariaDB UPDATE … JOIN, SQLite WITH … UPDATE … FROM.
    expect(statementsStarting(log.sql, 'update').length + statementsStarting(log.sql, 'with').length).toBe(1)
  })

  it('bulkUpdate writes nulls, quotes, unicode and SQL-shaped strings as values, in each derived-row form MySQL has', async () => {
    const created = await people().bulkCreate(peopleRows(3))
    const texts = [null, "it's ü😀 \\ %_", "x'); drop table people; --"]
    const forms = t.dialect === 'mysql' ? (['values', 'union-all'] as const) : ([undefined] as const)
    for (const [round, form] of forms.entries()) {
      const log = statementLog()
      const db = t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>
      const adapter = getAdapter(db)
      if (form !== undefined) {
        // Each form is exercised on this server; MariaDB 10.3.3+ itself reports 'values'.
        const version = (await sql<{ v: string }>`select version() as v`.execute(db)).rows[0]?.v ?? ''
        if (/mariadb/i.test(version)) expect(await adapter.derivedRowsForm(db)).toBe('values')
        vi.spyOn(adapter, 'derivedRowsForm').mockResolvedValue(form)
      }
      const items = created.map((p, i) => ({ id: p.id, data: { bio: texts[i] ?? null, age: i === 0 ? null : 40 + i + round } }))
      const expected = items.map((i) => [i.id, i.data.bio, i.data.age])
      expect((await people(db).bulkUpdate(items)).map((p) => [p.id, p.bio, p.age])).toEqual(expected)
      expect((await people().findAll()).map((p) => [p.id, p.bio, p.age])).toEqual(expected)
      if (form !== undefined) expect(must(statementsStarting(log.sql, 'update')[0])).toContain(form === 'values' ? 'as (values (' : ' union all select ')
    }
  })

  if (t.dialect !== 'postgres') {
    it('bulkUpdate binds a VALUES list in chunks under the variable limit when a value cannot travel as JSON', async () => {
      // Text with NUL cannot go in SQLite's JSON document (PostgreSQL refuses NUL in text altogether).
      const n = 25_000
      const created = await people().bulkCreate(peopleRows(n))
      const log = statementLog()
      const items = created.map((p, i) => ({ id: p.id, data: { bio: i === n - 1 ? 'a\0b' : `b${i}`, age: (i % 70) + 1 } }))
      const updated = await people(t.connect({ onQuery: log.onQuery }) as Kysely<TestDB>).bulkUpdate(items)
      expect(updated.map((p) => [p.id, p.bio, p.age])).toEqual(items.map((i) => [i.id, i.data.bio, i.data.age]))
      expect((await people().findAll()).map((p) => p.bio)).toEqual(items.map((i) => i.data.bio))
      const writes = log.sql.flatMap((s, i) => (/^(with|update)/.test(s) ? [log.parameters[i] as number] : []))
      const perRow = 3 // key, bio, age
      const limit = getAdapter(t.db).maxBindParameters
      expect(writes.reduce((a, b) => a + b, 0)).toBe(n * perRow)
      expect(Math.max(...writes)).toBeLessThanOrEqual(limit)
      expect(writes).toHaveLength(Math.ceil(n / Math.floor(limit / perRow)))
      expect(log.sql.some((s) => s.includes('json_each'))).toBe(false)
    }, 60_000)
  }

  it('bulkUpdate handles rows changing different columns, and string keys', async () => {
    const [a, b] = await people().bulkCreate(peopleRows(2))
    const updated = await people().bulkUpdate([{ id: must(a).id, data: { bio: 'only bio' } }, { id: must(b).id, data: { name: 'only name' } }])
    expect(updated.map((p) => [p.name, p.bio])).toEqual([['p0', 'only bio'], ['only name', null]])
    const id = randomUUID()
    await tags().create({ id, label: 'x', weight: 1 })
    expect(await tags().bulkUpdate([{ id, data: { weight: 9 } }])).toEqual([{ id, label: 'x', weight: 9 }])
  })

  it('bulkUpdate changes nothing when one id is missing', async () => {
    const created = await people().bulkCreate(peopleRows(3))
    const error = await catchError(() => people().bulkUpdate([...created.map((p) => ({ id: p.id, data: { name: 'changed' } })), { id: 987_654, data: { name: 'ghost' } }]))
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as Error).message).toContain('987654')
    expect((await people().findAll()).map((p) => p.name)).toEqual(['p0', 'p1', 'p2'])
  })

  it('bulkUpdate changes nothing when one row violates a constraint', async () => {
    const created = await people().bulkCreate(peopleRows(3))
    const items = created.map((p, i) => ({ id: p.id, data: { age: i === 2 ? -5 : 50 } }))
    expect(await catchError(() => people().bulkUpdate(items))).toBeInstanceOf(CheckConstraintError)
    expect((await people().findAll()).map((p) => p.age)).toEqual([1, 2, 3])
  })

  it('bulkUpdate refuses duplicate ids, unknown columns and a primary-key change before writing', async () => {
    const [a] = await people().bulkCreate(peopleRows(1))
    expect(await catchError(() => people().bulkUpdate([{ id: must(a).id, data: { name: 'x' } }, { id: must(a).id, data: { name: 'y' } }]))).toMatchObject({ code: 'DUPLICATE_ID' })
    expect(await catchError(() => people().bulkUpdate([{ id: must(a).id, data: { 'name = name; --': 'x' } as never }]))).toMatchObject({ code: 'UNKNOWN_COLUMN' })
    expect(await catchError(() => people().bulkUpdate([{ id: must(a).id, data: { id: 77 } as never }]))).toBeInstanceOf(BadRequestError)
    expect(await people().findById(must(a).id)).toMatchObject({ name: 'p0' })
  })

  it('bulkUpdate matches ids given as strings to numeric keys, and sees 1 and "1" as the same id', async () => {
    const created = await people().bulkCreate(peopleRows(3))
    const items = created.map((p, i) => ({ id: String(p.id), data: { name: `s${i}` } })).reverse()
    const updated = await people().bulkUpdate(items as never)
    expect(updated.map((p) => [String(p.id), p.name])).toEqual(items.map((i) => [i.id, i.data.name]))
    const [first] = created
    const twice = await catchError(() => people().bulkUpdate([{ id: must(first).id, data: { name: 'x' } }, { id: String(must(first).id), data: { name: 'y' } }] as never))
    expect(twice).toMatchObject({ code: 'DUPLICATE_ID', message: expect.stringContaining('items.1') })
    expect(await people().findById(must(first).id)).toMatchObject({ name: 's0' })
  })

  it('bulk errors name the index of the bad item', async () => {
    const [a] = await people().bulkCreate(peopleRows(1))
    const badId = await catchError(() => people().bulkUpdate([{ id: must(a).id, data: { name: 'x' } }, { id: Number.NaN, data: { name: 'y' } }]))
    expect(badId).toMatchObject({ code: 'INVALID_ID', message: expect.stringContaining('items.1:') })
    const badColumn = await catchError(() => people().bulkUpdate([{ id: must(a).id, data: { name: 'x' } }, { id: must(a).id + 1, data: { nope: 1 } as never }]))
    expect(badColumn).toMatchObject({ code: 'UNKNOWN_COLUMN', message: expect.stringContaining('in items.1.data') })
    const badRow = await catchError(() => people().bulkCreate([{ email: 'a@x.io', name: 'a' }, 'oops' as never]))
    expect(badRow).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('inputs.1:') })
    const badIds = await catchError(() => people().findByIds([must(a).id, '']))
    expect(badIds).toMatchObject({ code: 'INVALID_ID', message: expect.stringContaining('ids.1:') })
    expect(await people().findById(must(a).id)).toMatchObject({ name: 'p0' })
  })

  it('bulkDelete deletes every id or, when one is missing, none', async () => {
    const created = await people().bulkCreate(peopleRows(4))
    const error = await catchError(() => people().bulkDelete([must(created[0]).id, 999_999, must(created[1]).id, 888_888]))
    expect(error).toBeInstanceOf(NotFoundError)
    // The error names exactly the missing ids (without RETURNING they are read after the rollback).
    expect((error as Error).message).toMatch(/ in \(999999, 888888\)$/)
    // Ids given as strings for a numeric key match their rows: only the missing one is named.
    const asStrings = await catchError(() => people().bulkDelete([String(must(created[0]).id), '999999'] as never))
    expect((asStrings as Error).message).toMatch(/ with id 999999$/)
    expect(await people().count()).toBe(4)
    expect(await people().bulkDelete([must(created[0]).id, must(created[2]).id])).toBe(2)
    expect((await people().findAll()).map((p) => p.name)).toEqual(['p1', 'p3'])
    expect(await people().bulkDelete([])).toBe(0)
  })

  it('upsert inserts, then updates the row that conflicts', async () => {
    const first = await people().upsert({ email: 'u@x.io', name: 'First', age: 10 }, { conflictColumns: ['email'] })
    expect(first).toMatchObject({ email: 'u@x.io', name: 'First', age: 10 })
    const second = await people().upsert({ email: 'u@x.io', name: 'Second', age: 11 }, { conflictColumns: ['email'] })
    expect(second).toEqual({ ...first, name: 'Second', age: 11 })
    expect(await people().count()).toBe(1)
    const same = await people().upsert({ email: 'u@x.io' } as never, { conflictColumns: ['email'] }).catch((e: unknown) => e)
    // A NOT NULL name is required for the insert branch even when the row exists: the database says so.
    expect(same).toBeInstanceOf(Error)
  })

  it('upsert refuses unknown or missing conflict columns before writing', async () => {
    expect(await catchError(() => people().upsert({ email: 'u@x.io', name: 'U' }, { conflictColumns: ['nope' as never] }))).toMatchObject({ code: 'UNKNOWN_COLUMN' })
    expect(await catchError(() => people().upsert({ email: 'u@x.io', name: 'U' }, { conflictColumns: [] }))).toMatchObject({ code: 'INVALID_INPUT' })
    expect(await catchError(() => people().upsert({ name: 'U' } as never, { conflictColumns: ['email'] }))).toMatchObject({ code: 'INVALID_INPUT' })
    expect(await people().count()).toBe(0)
  })
})
