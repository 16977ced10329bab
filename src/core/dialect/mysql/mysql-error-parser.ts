import { CheckConstraintError } from '../../errors/check-constraint-error.js'
import { DatabaseError } from '../../errors/database-error.js'
import { ForeignKeyError } from '../../errors/foreign-key-error.js'
import { NotNullError } from '../../errors/not-null-error.js'
import { UniqueConstraintError } from '../../errors/unique-constraint-error.js'
import { numberField, stringField } from '../error-fields.js'

/** mysql2 errors carry a numeric `errno` and a `sqlState` / `sqlMessage`. */
export function isMysqlError(error: unknown): boolean {
  return (
    numberField(error, 'errno') !== undefined &&
    (stringField(error, 'sqlState') !== undefined || stringField(error, 'sqlMessage') !== undefined)
  )
}

// Server error numbers, shared by MySQL and MariaDB unless noted.
const ER_DUP_ENTRY = 1062
const ER_DUP_ENTRY_WITH_KEY_NAME = 1586
const ER_ROW_IS_REFERENCED = 1217
const ER_NO_REFERENCED_ROW = 1216
const ER_ROW_IS_REFERENCED_2 = 1451
const ER_NO_REFERENCED_ROW_2 = 1452
const ER_BAD_NULL_ERROR = 1048
const ER_NO_DEFAULT_FOR_FIELD = 1364
const ER_CHECK_CONSTRAINT_VIOLATED = 3819 // MySQL 8
const ER_CONSTRAINT_FAILED = 4025 // MariaDB 10.2+

/**
 * Maps a mysql2 error to a Kysera error from its number and message. MySQL does not say which columns
 * a duplicate key covers (and MariaDB not even which table), so `columns` is empty here and
 * `resolveDatabaseError` fills it from the cached index catalogue.
 */
export function parseMysqlError(error: unknown): DatabaseError {
  const errno = numberField(error, 'errno')
  const message = stringField(error, 'sqlMessage') ?? stringField(error, 'message') ?? ''
  const options = { cause: error, detail: message }
  switch (errno) {
    case ER_DUP_ENTRY:
    case ER_DUP_ENTRY_WITH_KEY_NAME: {
      // MariaDB: `for key 'u_email'`; MySQL 8: `for key 'users.u_email'`.
      const key = /for key '((?:[^']|'')+)'$/.exec(message)?.[1]
      const dot = key?.lastIndexOf('.') ?? -1
      const table = key !== undefined && dot > 0 ? key.slice(0, dot) : undefined
      const constraint = key === undefined ? undefined : key.slice(dot + 1)
      return new UniqueConstraintError({ constraint, table, columns: [] }, options)
    }
    case ER_ROW_IS_REFERENCED:
    case ER_NO_REFERENCED_ROW:
    case ER_ROW_IS_REFERENCED_2:
    case ER_NO_REFERENCED_ROW_2: {
      // `… fails (`db`.`posts`, CONSTRAINT `fk` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`))`
      const m = /\(`(?:[^`]+)`\.`([^`]+)`, CONSTRAINT `([^`]+)` FOREIGN KEY .*? REFERENCES `([^`]+)`/.exec(message)
      return new ForeignKeyError({ table: m?.[1], constraint: m?.[2], referencedTable: m?.[3] }, options)
    }
    case ER_BAD_NULL_ERROR:
    case ER_NO_DEFAULT_FOR_FIELD: {
      const column = /^(?:Column|Field) '((?:[^']|'')+)'/.exec(message)?.[1]
      return new NotNullError({ column, table: undefined }, options)
    }
    case ER_CONSTRAINT_FAILED: {
      // MariaDB: `CONSTRAINT `age_pos` failed for `test`.`users``
      const m = /^CONSTRAINT `([^`]+)` failed for `[^`]+`\.`([^`]+)`/.exec(message)
      return new CheckConstraintError({ constraint: m?.[1], table: m?.[2] }, options)
    }
    case ER_CHECK_CONSTRAINT_VIOLATED: {
      const constraint = /^Check constraint '((?:[^']|'')+)' is violated/.exec(message)?.[1]
      return new CheckConstraintError({ constraint, table: undefined }, options)
    }
    default:
      return new DatabaseError(`[kysera] Database error (${stringField(error, 'code') ?? errno}): ${message}`, options)
  }
}
