import { BadRequestError } from '../errors/bad-request-error.js'

/** SQL isolation levels. SQLite transactions are always serializable, which satisfies any of them. */
export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable'

/** Every {@link IsolationLevel}. */
export const ISOLATION_LEVELS: readonly IsolationLevel[] = ['read uncommitted', 'read committed', 'repeatable read', 'serializable']

/** Throws `BadRequestError` unless `level` is one of {@link ISOLATION_LEVELS}. */
export function assertIsolationLevel(level: unknown, option = 'isolationLevel'): asserts level is IsolationLevel {
  if (!ISOLATION_LEVELS.includes(level as IsolationLevel)) {
    throw new BadRequestError(
      `[kysera:transaction] Invalid ${option}: expected one of ${ISOLATION_LEVELS.map((l) => `'${l}'`).join(', ')}`,
      { code: 'INVALID_OPTION' },
    )
  }
}
