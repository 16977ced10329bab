import { BadRequestError, withTransaction, type IsolationLevel } from 'kysera/core'
import { sql, type Kysely } from 'kysely'
import { beforeAll, beforeEach, expect, it } from 'vitest'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect, type AnyDB } from '../../setup/dialects.js'

describeEachDialect('withTransaction', (t) => {
  beforeAll(async () => {
    await t.db.schema.createTable('items').addColumn('name', 'varchar(50)', (c) => c.primaryKey()).addColumn('qty', 'integer').execute()
  })
  beforeEach(async () => {
    await t.db.deleteFrom('items').execute()
  })

  const names = async (db: Kysely<AnyDB> = t.db): Promise<string[]> =>
    (await db.selectFrom('items').select('name').orderBy('name').execute()).map((r) => r.name as string)
  const add = (db: Kysely<AnyDB>, name: string) => db.insertInto('items').values({ name, qty: 1 }).execute()

  it('commits when fn resolves and returns its result', async () => {
    const result = await withTransaction(t.db, async (trx) => {
      await add(trx, 'a')
      return 42
    })
    expect(result).toBe(42)
    expect(await names()).toEqual(['a'])
  })

  it('rolls back and rethrows the same error when fn throws', async () => {
    const boom = new Error('boom')
    const thrown = await catchError(() =>
      withTransaction(t.db, async (trx) => {
        await add(trx, 'a')
        throw boom
      }),
    )
    expect(thrown).toBe(boom)
    expect(await names()).toEqual([])
  })

  it('a failing nested call rolls back only its own work', async () => {
    await withTransaction(t.db, async (trx) => {
      await add(trx, 'outer')
      await withTransaction(trx, async (inner) => {
        await add(inner, 'inner')
        throw new Error('inner fails')
      }).catch(() => {})
      await add(trx, 'after')
    })
    expect(await names()).toEqual(['after', 'outer'])
  })

  it('a successful nested call commits with the outer transaction', async () => {
    await withTransaction(t.db, async (trx) => {
      await add(trx, 'outer')
      await withTransaction(trx, (inner) => add(inner, 'inner'))
    })
    expect(await names()).toEqual(['inner', 'outer'])
  })

  it('nested work disappears when the outer transaction rolls back', async () => {
    await withTransaction(t.db, async (trx) => {
      await withTransaction(trx, (inner) => add(inner, 'inner'))
      throw new Error('outer fails')
    }).catch(() => {})
    expect(await names()).toEqual([])
  })

  it('three levels compose: the middle failure keeps the outer and drops the middle and inner', async () => {
    await withTransaction(t.db, async (l1) => {
      await add(l1, 'l1')
      await withTransaction(l1, async (l2) => {
        await add(l2, 'l2')
        await withTransaction(l2, (l3) => add(l3, 'l3'))
        throw new Error('l2 fails')
      }).catch(() => {})
    })
    expect(await names()).toEqual(['l1'])
  })

  it('a nested failure from a constraint violation leaves the outer transaction usable', async () => {
    await withTransaction(t.db, async (trx) => {
      await add(trx, 'dup')
      const e = await catchError(() => withTransaction(trx, (inner) => add(inner, 'dup')))
      expect(e).toBeInstanceOf(Error)
      await add(trx, 'ok')
    })
    expect(await names()).toEqual(['dup', 'ok'])
  })

  it('rejects an invalid isolation level with BadRequestError before running anything', async () => {
    let ran = false
    const e = await catchError(() =>
      withTransaction(
        t.db,
        async () => {
          ran = true
        },
        { isolationLevel: 'read committed; drop table items' as IsolationLevel },
      ),
    )
    expect(e).toBeInstanceOf(BadRequestError)
    expect((e as BadRequestError).message).toContain('isolationLevel')
    expect(ran).toBe(false)
  })

  it('rejects an isolation level on a nested call', async () => {
    await withTransaction(t.db, async (trx) => {
      const e = await catchError(() => withTransaction(trx, async () => 1, { isolationLevel: 'serializable' }))
      expect(e).toBeInstanceOf(BadRequestError)
    })
  })

  it('rejects a callback that is not a function', async () => {
    const e = await catchError(() => withTransaction(t.db, 'nope' as never))
    expect(e).toBeInstanceOf(BadRequestError)
  })

  it('applies the isolation level: repeatable read keeps its snapshot, read committed sees new commits', async () => {
    await add(t.db, 'row')
    const other = t.connect()
    const readTwice = async (level: IsolationLevel, value: number): Promise<[number, number]> =>
      withTransaction(
        t.db,
        async (trx) => {
          const first = await trx.selectFrom('items').select('qty').where('name', '=', 'row').executeTakeFirstOrThrow()
          await other.updateTable('items').set({ qty: value }).where('name', '=', 'row').execute()
          const second = await trx.selectFrom('items').select('qty').where('name', '=', 'row').executeTakeFirstOrThrow()
          return [Number(first.qty), Number(second.qty)]
        },
        { isolationLevel: level },
      )
    if (t.dialect === 'sqlite') {
      // SQLite is always serializable: in WAL mode the other connection's write commits, and this
      // transaction keeps reading its snapshot.
      expect(await readTwice('serializable', 2)).toEqual([1, 1])
      return
    }
    expect(await readTwice('repeatable read', 2)).toEqual([1, 1])
    expect(await readTwice('read committed', 3)).toEqual([2, 3])
    const level = await withTransaction(
      t.db,
      async (trx) =>
        t.dialect === 'postgres'
          ? (await sql<{ l: string }>`select current_setting('transaction_isolation') as l`.execute(trx)).rows[0]?.l
          : 'n/a',
      { isolationLevel: 'serializable' },
    )
    if (t.dialect === 'postgres') expect(level).toBe('serializable')
  })
})
