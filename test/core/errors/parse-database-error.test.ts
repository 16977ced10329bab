import {
  CheckConstraintError,
  DatabaseError,
  ForeignKeyError,
  NotNullError,
  UniqueConstraintError,
  isCheckConstraintError,
  isForeignKeyError,
  isNotNullError,
  isUniqueConstraintError,
  parseDatabaseError,
  resolveDatabaseError,
} from 'kysera/core'
import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { catchError } from '../../setup/catch-error.js'
import { describeEachDialect } from '../../setup/dialects.js'
import { createUsersAndPosts } from '../../setup/schema.js'

describeEachDialect('parseDatabaseError / resolveDatabaseError on real violations', (t) => {
  beforeAll(async () => {
    await createUsersAndPosts(t.db)
    await t.db.insertInto('users').values({ email: 'ann@example.com', org: 1, handle: 'ann', age: 30 }).execute()
    const ann = await t.db.selectFrom('users').select('id').executeTakeFirstOrThrow()
    annId = ann.id as number
    await t.db.insertInto('posts').values({ user_id: annId, title: 'hello' }).execute()
  })
  let annId = 0

  const insertUser = (values: Record<string, unknown>) => () => t.db.insertInto('users').values(values).execute()

  it('recognises a single-column unique violation from the raw driver error', async () => {
    const raw = await catchError(insertUser({ email: 'ann@example.com' }))
    const parsed = parseDatabaseError(raw)
    expect(parsed).toBeInstanceOf(UniqueConstraintError)
    expect(parsed.cause).toBe(raw)
    expect(parsed.code).toBe('UNIQUE_VIOLATION')
    const resolved = await resolveDatabaseError(t.db, raw, { table: 'users' })
    expect(isUniqueConstraintError(resolved)).toBe(true)
    expect(resolved).toMatchObject({ table: 'users', columns: ['email'], constraint: expect.any(String) })
  })

  it('names the constraint the schema declared', async () => {
    const raw = await catchError(insertUser({ email: 'ann@example.com' }))
    const resolved = (await resolveDatabaseError(t.db, raw, { table: 'users' })) as UniqueConstraintError
    // SQLite keeps a UNIQUE constraint's name only in the table's CREATE statement; it is read from there.
    expect(resolved.constraint).toBe('users_email_key')
  })

  it('lists both columns of a composite unique key, in key order', async () => {
    const raw = await catchError(insertUser({ email: 'bob@example.com', org: 1, handle: 'ann' }))
    const resolved = await resolveDatabaseError(t.db, raw, { table: 'users' })
    expect(resolved).toBeInstanceOf(UniqueConstraintError)
    expect(resolved).toMatchObject({ constraint: 'users_org_handle_key', table: 'users', columns: ['org', 'handle'] })
  })

  it('resolves the unique columns without a table hint', async () => {
    const raw = await catchError(insertUser({ email: 'ann@example.com' }))
    const resolved = await resolveDatabaseError(t.db, raw)
    expect(resolved).toMatchObject({ constraint: 'users_email_key', table: 'users', columns: ['email'] })
  })

  it('reports a duplicate primary key with its column', async () => {
    const raw = await catchError(insertUser({ id: annId, email: 'other@example.com' }))
    const resolved = await resolveDatabaseError(t.db, raw, { table: 'users' })
    expect(resolved).toBeInstanceOf(UniqueConstraintError)
    expect(resolved).toMatchObject({ table: 'users', columns: ['id'] })
  })

  it('maps a child row pointing at a missing parent to ForeignKeyError', async () => {
    const raw = await catchError(() => t.db.insertInto('posts').values({ user_id: 999, title: 'orphan' }).execute())
    expect(parseDatabaseError(raw)).toBeInstanceOf(ForeignKeyError)
    const resolved = await resolveDatabaseError(t.db, raw, { table: 'posts' })
    expect(isForeignKeyError(resolved)).toBe(true)
    expect(resolved).toMatchObject({ constraint: 'posts_user_fk', table: 'posts', referencedTable: 'users' })
  })

  it('maps deleting a referenced parent to ForeignKeyError', async () => {
    const raw = await catchError(() => t.db.deleteFrom('users').where('id', '=', annId).execute())
    expect(parseDatabaseError(raw)).toBeInstanceOf(ForeignKeyError)
    const resolved = await resolveDatabaseError(t.db, raw, { table: 'users' })
    expect(resolved).toMatchObject({ constraint: 'posts_user_fk', table: 'posts', referencedTable: 'users' })
    const still = await t.db.selectFrom('users').select('id').where('id', '=', annId).execute()
    expect(still).toHaveLength(1)
  })

  it('maps NULL in a NOT NULL column to NotNullError with column and table', async () => {
    const raw = await catchError(insertUser({ email: null }))
    expect(parseDatabaseError(raw)).toBeInstanceOf(NotNullError)
    const resolved = await resolveDatabaseError(t.db, raw, { table: 'users' })
    expect(isNotNullError(resolved)).toBe(true)
    expect(resolved).toMatchObject({ column: 'email', table: 'users', code: 'NOT_NULL_VIOLATION' })
  })

  it('maps a rejected CHECK to CheckConstraintError', async () => {
    const raw = await catchError(insertUser({ email: 'neg@example.com', age: -1 }))
    expect(parseDatabaseError(raw)).toBeInstanceOf(CheckConstraintError)
    const resolved = await resolveDatabaseError(t.db, raw, { table: 'users' })
    expect(isCheckConstraintError(resolved)).toBe(true)
    expect(resolved).toMatchObject({ constraint: 'users_age_positive', table: 'users' })
  })

  it('infers the dialect from the error shape and agrees with an explicit dialect', async () => {
    const raw = await catchError(insertUser({ email: 'ann@example.com' }))
    const inferred = parseDatabaseError(raw)
    const explicit = parseDatabaseError(raw, t.dialect)
    expect(explicit.constructor).toBe(inferred.constructor)
    expect(explicit.toJSON()).toEqual(inferred.toJSON())
  })

  it('keeps an unknown error as a plain DatabaseError with the original as cause', async () => {
    const raw = await catchError(() => sql`select * from no_such_table`.execute(t.db))
    const parsed = parseDatabaseError(raw)
    expect(parsed.constructor).toBe(DatabaseError)
    expect(parsed.code).toBe('DATABASE_ERROR')
    expect(parsed.cause).toBe(raw)
    expect(parsed.message).toContain('no_such_table')
    const resolved = await resolveDatabaseError(t.db, raw)
    expect(resolved.constructor).toBe(DatabaseError)
  })

  it('resolves inside a transaction that hit the violation', async () => {
    let resolved: unknown
    await t.db
      .transaction()
      .execute(async (trx) => {
        const raw = await catchError(() => trx.insertInto('users').values({ email: 'ann@example.com' }).execute())
        resolved = await resolveDatabaseError(trx, raw, { table: 'users' })
      })
      // PostgreSQL aborts a transaction after a failed statement, so its commit becomes a rollback.
      .catch(() => {})
    expect(resolved).toBeInstanceOf(UniqueConstraintError)
    expect(resolved).toMatchObject({ table: 'users', columns: ['email'] })
  })

  it('never puts the conflicting value in message or toJSON()', async () => {
    const raw = await catchError(insertUser({ email: 'ann@example.com' }))
    const resolved = await resolveDatabaseError(t.db, raw, { table: 'users' })
    expect(resolved.message).not.toContain('ann@example.com')
    expect(JSON.stringify(resolved)).not.toContain('ann@example.com')
  })
})

describe('parseDatabaseError without a database', () => {
  it('returns a Kysera error unchanged', () => {
    const e = new NotNullError({ column: 'a', table: 't' })
    expect(parseDatabaseError(e)).toBe(e)
  })

  it('wraps values that are not errors', () => {
    const parsed = parseDatabaseError('boom')
    expect(parsed).toBeInstanceOf(DatabaseError)
    expect(parsed.cause).toBe('boom')
  })

  it('does not mistake a Node system error for a driver error', () => {
    const sys = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED', errno: -111 })
    const parsed = parseDatabaseError(sys)
    expect(parsed.constructor).toBe(DatabaseError)
    expect(parsed.cause).toBe(sys)
  })
})
