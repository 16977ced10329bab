/* eslint-disable @typescript-eslint/no-explicit-any -- see repository-core.ts */
import type { QueryResult } from 'kysely'
import type { AnyQueryBuilder, QueryContext } from '../plugin.js'
import { PluginError } from '../plugin-error.js'
import { isExpression } from '../prepared-queries.js'
import type { RepositoryCore } from '../repository-core.js'

// Kysely compiles a multi-row list of values node by node: for 50,000 rows × 5 columns that is about
// 100 ms of JavaScript, more than half of what SQLite takes to insert them, and its garbage. Where the
// dialect names every parameter `?`, a bulk statement instead spells its rows as placeholder text
// (`(?, ?), (?, ?)`), lets Kysely compile the rest of the statement (table, columns, plugins'
// rewrites), and binds the values in order: the same parameters Kysely would have bound, to the same
// driver.

/**
 * Whether this bulk statement may bind its values outside Kysely's compiler: the dialect's parameters
 * are anonymous, the Kysely instance has no plugins of its own (they rewrite the node tree and must see
 * every value: a serialising plugin turns a `Date` into text), and every repository plugin that
 * intercepts queries names its rewrite with `interceptionKey`, which promises it binds no values of
 * its own. Otherwise the statement is built from Kysely value nodes as usual.
 */
export async function bindsOutside(core: RepositoryCore, ctx: QueryContext): Promise<boolean> {
  if (!core.adapter.anonymousPlaceholders || core.executor.getExecutor().plugins.length > 0) return false
  const { plugins } = core.settings
  if (!plugins.seesQueries) return true
  const columns = ctx.columns ?? (await core.columns())
  return plugins.interceptionKey({ ...ctx, columns }) !== undefined
}

/**
 * The values of `rows` rows × `width` columns in one list, row after row (`valueAt(r, c)`), or
 * `undefined` when one is not bound as it is: a Kysely expression (`sql\`now()\``, an expression
 * factory), which Kysely writes into the SQL text, or `undefined`, which Kysely's `values()` writes as
 * `DEFAULT`.
 */
export function flatValues(rows: number, width: number, valueAt: (row: number, column: number) => unknown): unknown[] | undefined {
  const out = new Array<unknown>(rows * width)
  let i = 0
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < width; c++) {
      const value = valueAt(r, c)
      if (value === undefined || isExpression(value)) return undefined
      out[i++] = value
    }
  }
  return out
}

/** Whether a value of `columns` in `rows` is a Kysely expression (which no array or document can carry). */
export function holdsExpression(rows: readonly Record<string, unknown>[], columns: readonly string[]): boolean {
  return rows.some((row) => columns.some((column) => isExpression(row[column])))
}

/**
 * Runs `qb` through the repository (plugins, typed errors) and returns the driver's result. With
 * `parameters`, `qb`'s SQL holds that many placeholders as text and they are bound in order.
 */
export function runRows(core: RepositoryCore, ctx: QueryContext, qb: AnyQueryBuilder, parameters: readonly unknown[] | undefined): Promise<QueryResult<Record<string, unknown>>> {
  return core.run(ctx, qb, async (q) => {
    const compiled = q.compile()
    if (parameters === undefined) return core.executor.executeQuery<Record<string, unknown>>(compiled)
    if (compiled.parameters.length > 0) {
      // Only an intercepting plugin can have added them; which one cannot be told apart here.
      const suspects = core.settings.plugins.plugins.filter((p) => p.interceptQuery !== undefined).map((p) => p.name)
      const cause = new Error(`it bound values of its own in a ${String(ctx.metadata.method)} statement of "${core.table}", which its interceptionKey promises it does not`)
      throw new PluginError(suspects.join(', '), 'interceptQuery', { cause })
    }
    return core.executor.executeQuery<Record<string, unknown>>({ ...compiled, parameters } as any)
  })
}
