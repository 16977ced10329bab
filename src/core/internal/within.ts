/** What {@link within} reports: the promise's value, or that `timeoutMs` passed first. */
export type Within<T> = { done: true; value: T } | { done: false }

/**
 * Waits for `promise` at most `timeoutMs`, with a timer that is cleared whichever comes first, so a
 * process never stays alive for it. A rejection passes through. A promise that loses keeps running:
 * its late rejection is swallowed here (the caller has moved on), not reported as unhandled.
 */
export async function within<T>(promise: Promise<T>, timeoutMs: number): Promise<Within<T>> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<Within<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), timeoutMs)
  })
  try {
    const outcome = await Promise.race([promise.then((value): Within<T> => ({ done: true, value })), expired])
    if (!outcome.done) promise.catch(() => {})
    return outcome
  } finally {
    clearTimeout(timer)
  }
}
