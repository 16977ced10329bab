// What the repository benchmark measures: the built package, imported as users import it (see
// bench/tsconfig.json).
export { createRepository, detectDialect } from 'kysera'
export type { Dialect } from 'kysera/core'
