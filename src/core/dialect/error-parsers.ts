import type { DatabaseError } from '../errors/database-error.js'
import type { Dialect } from './dialect.js'
import { isMysqlError, parseMysqlError } from './mysql/mysql-error-parser.js'
import { isPostgresError, parsePostgresError } from './postgres/postgres-error-parser.js'
import { isSqliteError, parseSqliteError } from './sqlite/sqlite-error-parser.js'

/** Recognises and parses one dialect's driver errors without any I/O. */
export interface ErrorParser {
  recognizes(error: unknown): boolean
  parse(error: unknown): DatabaseError
}

/** The stateless error parsers, by dialect (in the order shapes are tried). */
export const ERROR_PARSERS: Readonly<Record<Dialect, ErrorParser>> = Object.freeze({
  postgres: { recognizes: isPostgresError, parse: parsePostgresError },
  mysql: { recognizes: isMysqlError, parse: parseMysqlError },
  sqlite: { recognizes: isSqliteError, parse: parseSqliteError },
})
