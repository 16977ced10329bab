import type { DatabaseError } from '../errors/database-error.js'
import type { Dialect } from './dialect.js'
import { isMysqlError, parseMysqlError } from './mysql/mysql-error-parser.js'
import { isTransientMysqlError } from './mysql/mysql-transient-errors.js'
import { isPostgresError, parsePostgresError } from './postgres/postgres-error-parser.js'
import { isTransientPostgresError } from './postgres/postgres-transient-errors.js'
import { isSqliteError, parseSqliteError } from './sqlite/sqlite-error-parser.js'
import { isTransientSqliteError } from './sqlite/sqlite-transient-errors.js'

/** Recognises and parses one dialect's driver errors without any I/O. */
export interface ErrorParser {
  recognizes(error: unknown): boolean
  parse(error: unknown): DatabaseError
  /** Whether retrying the work may succeed (deadlock, serialization failure, lost connection, busy file). */
  isTransient(error: unknown): boolean
}

/** The stateless error parsers, by dialect (in the order shapes are tried). */
export const ERROR_PARSERS: Readonly<Record<Dialect, ErrorParser>> = /* @__PURE__ */ Object.freeze({
  postgres: { recognizes: isPostgresError, parse: parsePostgresError, isTransient: isTransientPostgresError },
  mysql: { recognizes: isMysqlError, parse: parseMysqlError, isTransient: isTransientMysqlError },
  sqlite: { recognizes: isSqliteError, parse: parseSqliteError, isTransient: isTransientSqliteError },
})
