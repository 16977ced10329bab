/** Runs `fn` and returns what it threw; fails when it does not throw. */
export async function catchError(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to throw, but it resolved')
}
