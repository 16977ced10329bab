import { hasErrorKind } from './brand.js'
import type { BadRequestError } from './bad-request-error.js'
import type { CheckConstraintError } from './check-constraint-error.js'
import type { DatabaseError } from './database-error.js'
import type { ForeignKeyError } from './foreign-key-error.js'
import type { NotFoundError } from './not-found-error.js'
import type { NotNullError } from './not-null-error.js'
import type { UniqueConstraintError } from './unique-constraint-error.js'
import type { ValidationError } from './validation-error.js'

// The guards check a brand rather than `instanceof`, so they hold when two copies of Kysera are loaded.

/** Whether `e` is any Kysera error. */
export function isDatabaseError(e: unknown): e is DatabaseError {
  return hasErrorKind(e, 'DatabaseError')
}

/** Whether `e` is a {@link UniqueConstraintError}. */
export function isUniqueConstraintError(e: unknown): e is UniqueConstraintError {
  return hasErrorKind(e, 'UniqueConstraintError')
}

/** Whether `e` is a {@link ForeignKeyError}. */
export function isForeignKeyError(e: unknown): e is ForeignKeyError {
  return hasErrorKind(e, 'ForeignKeyError')
}

/** Whether `e` is a {@link NotNullError}. */
export function isNotNullError(e: unknown): e is NotNullError {
  return hasErrorKind(e, 'NotNullError')
}

/** Whether `e` is a {@link CheckConstraintError}. */
export function isCheckConstraintError(e: unknown): e is CheckConstraintError {
  return hasErrorKind(e, 'CheckConstraintError')
}

/** Whether `e` is a {@link NotFoundError}. */
export function isNotFoundError(e: unknown): e is NotFoundError {
  return hasErrorKind(e, 'NotFoundError')
}

/** Whether `e` is a {@link BadRequestError} (including {@link ValidationError}). */
export function isBadRequestError(e: unknown): e is BadRequestError {
  return hasErrorKind(e, 'BadRequestError')
}

/** Whether `e` is a {@link ValidationError}. */
export function isValidationError(e: unknown): e is ValidationError {
  return hasErrorKind(e, 'ValidationError')
}
