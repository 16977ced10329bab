import type { RepositoryCore } from './repository-core.js'
import { validate, validateAll } from './validation/validate.js'

/** Validates create input with `schemas.create` (when set) and checks its keys are columns. */
export async function createInput(core: RepositoryCore, input: unknown, path = 'input'): Promise<Record<string, unknown>> {
  const schema = core.settings.schemas.create
  const value = schema === undefined ? input : await validate(schema, input)
  return core.checkRow(value, path)
}

/** Validates update input with the update schema (when set) and checks its keys are columns. */
export async function updateInput(core: RepositoryCore, input: unknown, path = 'input'): Promise<Record<string, unknown>> {
  const schema = core.settings.schemas.update
  const value = schema === undefined ? input : await validate(schema, input)
  return core.checkRow(value, path)
}

/** Validates every item (one `ValidationError` listing all issues, paths prefixed by the index). */
export async function createInputs(core: RepositoryCore, inputs: readonly unknown[]): Promise<Record<string, unknown>[]> {
  const schema = core.settings.schemas.create
  const values = schema === undefined ? inputs : await validateAll(schema, inputs)
  const columns = await core.columns()
  return values.map((v, i) => core.checkRowWith(columns, v, 'inputs.#', i))
}

/** Like {@link createInputs} for update data. */
export async function updateInputs(core: RepositoryCore, inputs: readonly unknown[]): Promise<Record<string, unknown>[]> {
  const schema = core.settings.schemas.update
  const values = schema === undefined ? inputs : await validateAll(schema, inputs)
  const columns = await core.columns()
  return values.map((v, i) => core.checkRowWith(columns, v, 'items.#.data', i))
}
