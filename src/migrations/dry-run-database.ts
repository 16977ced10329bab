/* eslint-disable @typescript-eslint/no-explicit-any -- migrations work on any schema */
import { DummyDriver, Kysely, type CompiledQuery, type DatabaseIntrospector, type QueryId, type RootOperationNode } from 'kysely'

/**
 * A Kysely instance with `db`'s dialect (adapter and SQL compiler) that sends nothing: every query is
 * compiled exactly as it would be, handed to `onQuery`, and answered with no rows. Migrations run against
 * it to show their SQL.
 */
export function dryRunDatabase(db: Kysely<any>, onQuery: (sql: string, parameters: readonly unknown[]) => void): Kysely<any> {
  const executor = db.getExecutor()
  const introspector: DatabaseIntrospector = {
    getSchemas: () => Promise.resolve([]),
    getTables: () => Promise.resolve([]),
    getMetadata: () => Promise.resolve({ tables: [] }),
  }
  return new Kysely<any>({
    dialect: {
      createAdapter: () => executor.adapter,
      createDriver: () => new DummyDriver(),
      createIntrospector: () => introspector,
      createQueryCompiler: () => ({ compileQuery: (node: RootOperationNode, queryId: QueryId): CompiledQuery => executor.compileQuery(node, queryId) }),
    },
    log: (event) => {
      if (event.level === 'query') onQuery(event.query.sql, event.query.parameters)
    },
  })
}
