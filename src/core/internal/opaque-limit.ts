import { RawNode, ValueNode, type Expression } from 'kysely'
import type { KyseraDialectAdapter } from '../dialect/dialect-adapter.js'
import { nodeExpression } from './node-expression.js'

/**
 * A LIMIT value, still bound, that the dialect's planner does not read: `+?` on SQLite, where a plain
 * `LIMIT ?` makes every execution of a kept statement prepare it again (see
 * `KyseraDialectAdapter.opaqueValuePrefix`); the number itself elsewhere.
 */
export function opaqueLimit(adapter: KyseraDialectAdapter, limit: number): number | Expression<number> {
  const prefix = adapter.opaqueValuePrefix
  return prefix === '' ? limit : nodeExpression(RawNode.create([prefix, ''], [ValueNode.create(limit)]))
}
