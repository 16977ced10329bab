import {
  BadRequestError,
  CheckConstraintError,
  DatabaseError,
  ForeignKeyError,
  NotFoundError,
  NotNullError,
  UniqueConstraintError,
  ValidationError,
  isBadRequestError,
  isCheckConstraintError,
  isDatabaseError,
  isForeignKeyError,
  isNotFoundError,
  isNotNullError,
  isUniqueConstraintError,
  isValidationError,
} from 'kysera/core'
import type * as CoreApi from 'kysera/core'
import { describe, expect, it } from 'vitest'

describe('DatabaseError family', () => {
  const driverError = Object.assign(new Error('duplicate key value violates unique constraint "u"'), { code: '23505' })
  const unique = new UniqueConstraintError(
    { constraint: 'users_email_key', table: 'users', columns: ['email'] },
    { cause: driverError, detail: 'Key (email)=(ann@example.com) already exists.' },
  )

  it('gives each class its own name and default code', () => {
    const cases: [DatabaseError, string, string][] = [
      [new DatabaseError('x'), 'DatabaseError', 'DATABASE_ERROR'],
      [unique, 'UniqueConstraintError', 'UNIQUE_VIOLATION'],
      [new ForeignKeyError({ constraint: 'fk', table: 'posts', referencedTable: 'users' }), 'ForeignKeyError', 'FOREIGN_KEY_VIOLATION'],
      [new NotNullError({ column: 'email', table: 'users' }), 'NotNullError', 'NOT_NULL_VIOLATION'],
      [new CheckConstraintError({ constraint: 'age_pos', table: 'users' }), 'CheckConstraintError', 'CHECK_VIOLATION'],
      [new NotFoundError('gone'), 'NotFoundError', 'NOT_FOUND'],
      [new BadRequestError('bad'), 'BadRequestError', 'BAD_REQUEST'],
      [new ValidationError([{ path: 'email', message: 'Invalid email' }]), 'ValidationError', 'VALIDATION_ERROR'],
    ]
    for (const [error, name, code] of cases) {
      expect(error.name).toBe(name)
      expect(error.code).toBe(code)
      expect(error).toBeInstanceOf(DatabaseError)
      expect(error).toBeInstanceOf(Error)
    }
  })

  it('lets a caller choose the code', () => {
    expect(new BadRequestError('bad cursor', { code: 'INVALID_CURSOR' }).code).toBe('INVALID_CURSOR')
  })

  it('keeps cause and detail but leaves them out of toJSON()', () => {
    expect(unique.cause).toBe(driverError)
    expect(unique.detail).toContain('ann@example.com')
    const json = unique.toJSON()
    expect(json).toEqual({
      name: 'UniqueConstraintError',
      code: 'UNIQUE_VIOLATION',
      message: '[kysera] Unique constraint violated: users_email_key on users (email)',
      constraint: 'users_email_key',
      table: 'users',
      columns: ['email'],
    })
    expect(JSON.stringify(unique)).not.toContain('ann@example.com')
    expect(JSON.stringify(unique)).not.toContain('stack')
  })

  it('lists every validation issue in message, field and JSON', () => {
    const e = new ValidationError([
      { path: 'email', message: 'Invalid email' },
      { path: 'age', message: 'Too small' },
    ])
    expect(e.issues).toHaveLength(2)
    expect(e.message).toBe('[kysera] Validation failed: email: Invalid email; age: Too small')
    expect(e.toJSON()).toMatchObject({ code: 'VALIDATION_ERROR', issues: e.issues })
    expect(e).toBeInstanceOf(BadRequestError)
  })

  it('type guards follow the class hierarchy', () => {
    const validation = new ValidationError([])
    expect(isValidationError(validation)).toBe(true)
    expect(isBadRequestError(validation)).toBe(true)
    expect(isDatabaseError(validation)).toBe(true)
    expect(isNotFoundError(validation)).toBe(false)
    expect(isUniqueConstraintError(unique)).toBe(true)
    expect(isForeignKeyError(unique)).toBe(false)
    expect(isNotNullError(new NotNullError({ column: 'a', table: undefined }))).toBe(true)
    expect(isCheckConstraintError(new CheckConstraintError({ constraint: 'c', table: undefined }))).toBe(true)
    expect(isBadRequestError(new NotFoundError('x'))).toBe(false)
  })

  it('type guards reject look-alikes that are not Kysera errors', () => {
    for (const value of [null, undefined, 'UniqueConstraintError', 42, new Error('x'), { name: 'UniqueConstraintError', code: 'UNIQUE_VIOLATION' }]) {
      expect(isDatabaseError(value)).toBe(false)
      expect(isUniqueConstraintError(value)).toBe(false)
    }
  })

  it('type guards hold for errors made by a second copy of the package', async () => {
    // The built package is a separate module instance: a second copy, as a duplicated install would be.
    const built = new URL('../../../dist/core/index.js', import.meta.url).href
    const copy = (await import(/* @vite-ignore */ built)) as typeof CoreApi
    const foreign = new copy.UniqueConstraintError({ constraint: 'c', table: 't', columns: ['a'] })
    expect(foreign).not.toBeInstanceOf(UniqueConstraintError)
    expect(isUniqueConstraintError(foreign)).toBe(true)
    expect(isDatabaseError(foreign)).toBe(true)
    expect(copy.isValidationError(new ValidationError([]))).toBe(true)
  })

  it('copies the columns array so callers cannot mutate the error', () => {
    const columns = ['a']
    const e = new UniqueConstraintError({ constraint: undefined, table: undefined, columns })
    columns.push('b')
    expect(e.columns).toEqual(['a'])
  })
})
