import { ValidationError, type ValidationIssue } from '../../core/index.js'
import type { StandardIssue, StandardSchemaV1 } from './standard-schema.js'
import { append } from '../append.js'

/**
 * Runs `schema` on `value` and returns its output, or throws `ValidationError` with every issue.
 * `at` prefixes each path (the item index of a bulk call), so a caller sees which input failed.
 */
export async function validate<T>(schema: StandardSchemaV1<unknown, T>, value: unknown, at?: string | number): Promise<T> {
  const result = await schema['~standard'].validate(value)
  if (result.issues === undefined) return result.value
  throw new ValidationError(result.issues.map((issue) => toIssue(issue, at)))
}

/**
 * Validates every item and throws one `ValidationError` listing the issues of all failing items
 * (paths prefixed with the item index), so a bulk call reports everything wrong at once.
 */
export async function validateAll<T>(schema: StandardSchemaV1<unknown, T>, values: readonly unknown[]): Promise<T[]> {
  const out: T[] = []
  const issues: ValidationIssue[] = []
  for (const [index, value] of values.entries()) {
    const result = await schema['~standard'].validate(value)
    if (result.issues === undefined) out.push(result.value)
    else append(issues, result.issues.map((issue) => toIssue(issue, index)))
  }
  if (issues.length > 0) throw new ValidationError(issues)
  return out
}

function toIssue(issue: StandardIssue, at: string | number | undefined): ValidationIssue {
  const segments = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment))
  const path = (at === undefined ? segments : [String(at), ...segments]).join('.')
  return { path, message: issue.message }
}
