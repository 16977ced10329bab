import { DatabaseError, type DatabaseErrorOptions } from '../core/index.js'

/**
 * A plugin hook threw something that is not a Kysera error; `plugin` and `hook` say which.
 * `code: 'PLUGIN_ERROR'`, `cause` is what it threw. Kysera errors thrown by a plugin (for example a
 * `BadRequestError`) pass through unchanged.
 */
export class PluginError extends DatabaseError {
  static override readonly kind: string = 'PluginError'
  static override readonly defaultCode: string = 'PLUGIN_ERROR'

  readonly plugin: string
  readonly hook: string

  constructor(plugin: string, hook: string, options: DatabaseErrorOptions = {}) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause)
    super(`[kysera:plugin] Plugin "${plugin}" failed in ${hook}: ${reason}`, options)
    this.plugin = plugin
    this.hook = hook
  }

  protected override publicFields(): Record<string, unknown> {
    return { plugin: this.plugin, hook: this.hook }
  }
}
