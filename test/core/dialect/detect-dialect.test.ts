import { detectDialect, isBadRequestError, type Dialect } from 'kysera/core'
import { DummyDriver, Kysely, PostgresQueryCompiler, type DatabaseIntrospector, type DialectAdapter } from 'kysely'
import { describe, expect, it } from 'vitest'
import { getAdapter } from '../../../src/core/dialect/get-adapter.js'
import { describeEachDialect } from '../../setup/dialects.js'

describeEachDialect('detectDialect', (t) => {
  it('reads the dialect from a real Kysely instance', () => {
    expect(detectDialect(t.db)).toBe(t.dialect)
  })

  it('reads the same dialect inside a transaction', async () => {
    const inside = await t.db.transaction().execute(async (trx) => detectDialect(trx))
    expect(inside).toBe(t.dialect)
  })

  it('shares one adapter between a database, its transactions and its plugins', async () => {
    const adapter = getAdapter(t.db)
    expect(getAdapter(t.db.withSchema('x'))).toBe(adapter)
    await t.db.transaction().execute(async (trx) => {
      expect(getAdapter(trx)).toBe(adapter)
    })
    expect(getAdapter(t.connect())).not.toBe(adapter)
  })

  it('states capabilities that match what the database does', async () => {
    const adapter = getAdapter(t.db)
    const expected: Record<Dialect, { returning: boolean; ddl: boolean }> = {
      postgres: { returning: true, ddl: true },
      sqlite: { returning: true, ddl: true },
      mysql: { returning: false, ddl: false },
    }
    expect(adapter.supportsReturning).toBe(expected[t.dialect].returning)
    expect(adapter.supportsTransactionalDdl).toBe(expected[t.dialect].ddl)
    // Transactional DDL, checked for real: a table created in a rolled-back transaction is gone or not.
    await t.db.schema.dropTable('ddl_probe').ifExists().execute()
    await t.db
      .transaction()
      .execute(async (trx) => {
        await trx.schema.createTable('ddl_probe').addColumn('id', 'integer').execute()
        throw new Error('roll back')
      })
      .catch(() => {})
    const tables = await t.db.introspection.getTables()
    expect(tables.some((tb) => tb.name === 'ddl_probe')).toBe(!adapter.supportsTransactionalDdl)
  })
})

describe('detectDialect with an unknown adapter', () => {
  class CustomAdapter implements DialectAdapter {
    readonly supportsCreateIfNotExists = true
    readonly supportsTransactionalDdl = false
    readonly supportsReturning = false
    readonly supportsOutput = false
    async acquireMigrationLock(): Promise<void> {}
    async releaseMigrationLock(): Promise<void> {}
  }

  it('throws BadRequestError UNSUPPORTED_DIALECT instead of guessing', () => {
    const db = new Kysely<unknown>({
      dialect: {
        createAdapter: () => new CustomAdapter(),
        createDriver: () => new DummyDriver(),
        createQueryCompiler: () => new PostgresQueryCompiler(),
        createIntrospector: () => ({}) as DatabaseIntrospector,
      },
    })
    let thrown: unknown
    try {
      detectDialect(db)
    } catch (e) {
      thrown = e
    }
    expect(isBadRequestError(thrown)).toBe(true)
    expect(thrown).toMatchObject({ code: 'UNSUPPORTED_DIALECT' })
  })
})
