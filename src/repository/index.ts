// `kysera/repository`: every public export is named here.
export { createRepository } from './create-repository.js'
export { createORM, createRepositoriesFactory, withPlugins, type ORM, type ApplyPlugins, type RepositoryFactory } from './orm.js'
export type { Plugin, QueryContext, QueryOperation, AnyQueryBuilder, WriteContext, WriteEvent, WriteOperation, WrittenRow, WriteTimestamp } from './plugin.js'
export { PluginError } from './plugin-error.js'
export type {
  Repository,
  RepositoryConfig,
  RepositorySchemas,
  PrimaryKeyValue,
  CreateInputOf,
  UpdateInputOf,
  EntityOf,
  OrderBy,
  FindOptions,
  RepositoryPaginateOptions,
  RepositoryCursorOptions,
  BulkUpdateItem,
  UpsertOptions,
} from './repository-types.js'
export type { Where, WhereValue, WhereOperators } from './where/where-types.js'
export { escapeLike } from './where/like-pattern.js'
export type { StandardSchemaV1, StandardResult, StandardIssue, InferInput, InferOutput } from './validation/standard-schema.js'
export type { ValidationMode } from './validation/validation-mode.js'
