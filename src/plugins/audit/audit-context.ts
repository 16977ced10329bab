import { AsyncLocalStorage } from 'node:async_hooks'

/** Who is acting, and extra facts to record, for the writes inside one {@link withAuditContext} call. */
export interface AuditContext {
  userId?: string | number | null
  metadata?: Record<string, unknown>
}

// One store for the process, like `process.env`: the async context is what separates requests, so a
// store per plugin would make `withAuditContext` depend on which plugin instance the caller holds.
const storage = new AsyncLocalStorage<AuditContext>()

/**
 * Runs `fn` with `context` as the actor of every audited write it makes, across `await`s, without
 * passing it down; concurrent requests each see their own. Nested calls merge, inner values winning.
 *
 * @example
 * ```ts
 * app.use((req, _res, next) => withAuditContext({ userId: req.user.id, metadata: { ip: req.ip } }, next))
 * ```
 */
export function withAuditContext<T>(context: AuditContext, fn: () => T): T {
  const outer = storage.getStore()
  const merged: AuditContext = {
    ...outer,
    ...context,
    metadata: { ...outer?.metadata, ...context.metadata },
  }
  return storage.run(merged, fn)
}

/** The context of the current async call chain, if any. */
export function currentAuditContext(): AuditContext | undefined {
  return storage.getStore()
}
