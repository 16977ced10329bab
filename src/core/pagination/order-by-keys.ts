import { RawNode, type SelectQueryBuilder } from 'kysely'
import type { KyseraDialectAdapter } from '../dialect/dialect-adapter.js'
import { nodeExpression } from '../internal/node-expression.js'
import { columnReference } from './seek-predicate.js'
import type { ResolvedSortKey } from './sort-key.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any query shape
type AnySelect = SelectQueryBuilder<any, any, any>

/**
 * Appends ORDER BY for `keys`. NOT NULL keys get a plain `col asc|desc` (index order). Nullable keys
 * place NULLs explicitly so every dialect agrees: `NULLS FIRST/LAST` where the dialect has it, a
 * leading `col IS NULL` term on MySQL, which has not.
 */
export function orderByKeys(query: AnySelect, keys: readonly ResolvedSortKey[], adapter: KyseraDialectAdapter): AnySelect {
  let q = query
  for (const key of keys) {
    const node = columnReference(key.column)
    const ref = nodeExpression(node)
    const direction = key.desc ? 'desc' : 'asc'
    if (!key.nullable) {
      q = q.orderBy(ref, direction)
    } else if (adapter.nullsOrdering === 'clause') {
      q = q.orderBy(ref, (ob) => {
        const directed = key.desc ? ob.desc() : ob.asc()
        return key.nullsFirst ? directed.nullsFirst() : directed.nullsLast()
      })
    } else {
      // `col IS NULL` is 0 for values and 1 for NULLs: descending puts NULLs first.
      q = q.orderBy(nodeExpression(RawNode.create(['', ' is null'], [node])), key.nullsFirst ? 'desc' : 'asc').orderBy(ref, direction)
    }
  }
  return q
}
