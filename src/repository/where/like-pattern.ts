/**
 * The escape character of every LIKE pattern Kysera builds. `!` rather than `\` because a backslash
 * means different things inside string literals on each dialect (MySQL treats it as a string escape,
 * PostgreSQL does not), while `!` is plain text everywhere; with an explicit `ESCAPE '!'` a backslash
 * in the value is an ordinary character on all three.
 */
export const LIKE_ESCAPE = '!'

/** Escapes `value` so every character matches itself in a LIKE pattern with `ESCAPE '!'`. */
export function escapeLike(value: string): string {
  return value.replace(/[!%_]/g, (c) => `${LIKE_ESCAPE}${c}`)
}
