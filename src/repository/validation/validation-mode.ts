import { BadRequestError } from '../../core/index.js'

/** When database results are checked against `schemas.entity`. */
export type ValidationMode = 'always' | 'never' | 'development' | 'production'

const MODES: readonly ValidationMode[] = ['always', 'never', 'development', 'production']

/** Where the result-validation decision came from (for error messages and docs). */
type Environment = Readonly<Record<string, string | undefined>>

/**
 * Whether a repository validates database results, decided once when it is created:
 * 1. the repository's `validateDbResults` option (a boolean or a mode);
 * 2. `KYSERA_VALIDATION_MODE`;
 * 3. the legacy `KYSERA_VALIDATE` (a mode, or `true`/`false`), then `VALIDATE_DB_RESULTS` (`true`/`false`);
 * 4. otherwise `NODE_ENV === 'development'`.
 * `always` and `development` validate; `never` and `production` do not. An unknown value is a
 * configuration error (`BadRequestError`), not a silent default.
 */
export function shouldValidateResults(option: boolean | ValidationMode | undefined, env: Environment = process.env): boolean {
  if (typeof option === 'boolean') return option
  if (option !== undefined) return validates(parseMode(option, 'validateDbResults'))
  const mode = env.KYSERA_VALIDATION_MODE
  if (mode !== undefined && mode !== '') return validates(parseMode(mode, 'KYSERA_VALIDATION_MODE'))
  const legacy = env.KYSERA_VALIDATE
  if (legacy !== undefined && legacy !== '') return validates(parseMode(legacy, 'KYSERA_VALIDATE'))
  const results = env.VALIDATE_DB_RESULTS
  if (results !== undefined && results !== '') return validates(parseMode(results, 'VALIDATE_DB_RESULTS'))
  return env.NODE_ENV === 'development'
}

function parseMode(value: unknown, source: string): ValidationMode {
  if (value === 'true') return 'always'
  if (value === 'false') return 'never'
  if (MODES.includes(value as ValidationMode)) return value as ValidationMode
  throw new BadRequestError(
    `[kysera:repository] Invalid ${source}: expected one of ${MODES.join(', ')} (or true/false), got ${JSON.stringify(String(value))}`,
    { code: 'INVALID_OPTION' },
  )
}

function validates(mode: ValidationMode): boolean {
  return mode === 'always' || mode === 'development'
}
