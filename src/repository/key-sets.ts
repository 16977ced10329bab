import { sql, type Expression } from 'kysely'
import { columnArray } from './bulk/column-arrays.js'
import { jsonList } from './bulk/json-rows.js'
import type { RepositoryCore } from './repository-core.js'
import type { PrimaryKeyValue } from './repository-types.js'

/** Some of the keys, as the right side of `where pk <operator> <values>`. */
export interface KeySet {
  keys: readonly PrimaryKeyValue[]
  operator: '=' | 'in'
  values: readonly PrimaryKeyValue[] | Expression<unknown>
  /**
   * The form of `<values>` and what it binds, in order, when a statement compiled for one set of this
   * form serves every other (see `PreparedQueries`): one array or JSON document, or a short `IN` list.
   */
  form: { name: string; parameters: readonly unknown[] } | undefined
}

/** The longest `IN (…)` list whose compiled statement a repository keeps (longer lists are rare and large). */
const MAX_KEPT_LIST = 16

/**
 * The keys in as few statements as the dialect allows: PostgreSQL binds one array (`= any(cast($1 as
 * integer[]))`), SQLite one JSON document (`in (select value from json_each(?))`, see
 * `KyseraDialectAdapter.jsonRowSource`); otherwise `in (?, ?, …)` lists under the bind-parameter limit.
 * One array of 10,000 ids binds and parses in about two thirds of the time of 10,000 parameters, and
 * the statement's SQL stays the same for any number of keys.
 */
export async function keySets(core: RepositoryCore, keys: readonly PrimaryKeyValue[]): Promise<KeySet[]> {
  if (keys.length > 1 && core.adapter.bulkInsertForm === 'unnest') {
    return [{ keys, operator: '=', values: sql`any(${await columnArray(core, core.pk, keys)})`, form: { name: 'array', parameters: [keys] } }]
  }
  if (keys.length > 1 && (await core.adapter.jsonRowSource(core.executor))) {
    const list = jsonList(keys)
    if (list !== undefined) return [{ keys, operator: 'in', values: sql`(select value from json_each(${list}))`, form: { name: 'json', parameters: [list] } }]
  }
  const sets: KeySet[] = []
  const step = core.adapter.maxBindParameters
  for (let i = 0; i < keys.length; i += step) {
    const part = keys.slice(i, i + step)
    sets.push({ keys: part, operator: 'in', values: part, form: part.length <= MAX_KEPT_LIST ? { name: `in ${part.length}`, parameters: part } : undefined })
  }
  return sets
}
