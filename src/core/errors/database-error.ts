import { ERROR_KINDS } from './brand.js'

/** Options every Kysera error accepts. */
export interface DatabaseErrorOptions {
  /** Stable machine-readable code; each class has its own default. */
  code?: string
  /** Extra diagnostic text (for example the driver's detail line). Not included in `toJSON()`. */
  detail?: string
  /** The original error (for example the driver error), kept for logs and retry decisions. */
  cause?: unknown
}

/** The plain object {@link DatabaseError.toJSON} returns. */
export interface DatabaseErrorJSON {
  name: string
  code: string
  message: string
  [field: string]: unknown
}

/**
 * Root of every error Kysera throws on purpose.
 *
 * Errors are data: `code` is stable, subclasses add structured fields, and `cause` keeps the original
 * driver error. `toJSON()` returns only what is safe to send to an API client.
 *
 * @example
 * ```ts
 * try { await users.create(input) }
 * catch (e) { if (isDatabaseError(e)) res.status(400).json(e.toJSON()); else throw e }
 * ```
 */
export class DatabaseError extends Error {
  /** Kind used by the brand-based type guards; every subclass declares its own. */
  static readonly kind: string = 'DatabaseError'
  /** Default `code` of this class. */
  static readonly defaultCode: string = 'DATABASE_ERROR'

  /** Stable machine-readable code, e.g. `UNIQUE_VIOLATION`, `NOT_FOUND`, `INVALID_CURSOR`. */
  readonly code: string
  /** Extra diagnostic text; for logs, never part of `toJSON()`. */
  readonly detail?: string
  declare readonly [ERROR_KINDS]: readonly string[]

  constructor(message: string, options: DatabaseErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    const ctor = new.target as typeof DatabaseError
    this.name = ctor.kind
    this.code = options.code ?? ctor.defaultCode
    if (options.detail !== undefined) this.detail = options.detail
    Object.defineProperty(this, ERROR_KINDS, { value: kindsOf(ctor), enumerable: false })
  }

  /**
   * A plain object safe to return from an API: `name`, `code`, `message` and the subclass's structured
   * fields. It never contains `cause`, `detail` or the stack, which can echo SQL or row values.
   */
  toJSON(): DatabaseErrorJSON {
    return { name: this.name, code: this.code, message: this.message, ...this.publicFields() }
  }

  /** Structured fields a subclass adds to `toJSON()`. */
  protected publicFields(): Record<string, unknown> {
    return {}
  }
}

function kindsOf(ctor: typeof DatabaseError): string[] {
  const kinds: string[] = []
  for (let c: unknown = ctor; typeof c === 'function' && c !== Error; c = Object.getPrototypeOf(c)) {
    if (Object.hasOwn(c, 'kind')) kinds.unshift((c as typeof DatabaseError).kind)
  }
  return kinds
}
