// Interleaved timing: variants run A B C A B C … after a warm-up, so drift hits all of them alike.

export interface Variant {
  name: string
  run: () => Promise<unknown>
}

export interface Timing {
  name: string
  p50: number
  p99: number
}

/**
 * Times each variant `iterations` times, interleaved. Each round runs the variants in a fresh random
 * order, so no variant always follows the same one (a query right after another tends to be faster or
 * slower for reasons that have nothing to do with it).
 */
export async function measure(variants: Variant[], { warmup = 20, iterations = 200 } = {}): Promise<Timing[]> {
  for (let i = 0; i < warmup; i++) for (const v of variants) await v.run()
  const samples = variants.map(() => [] as number[])
  const order = variants.map((_, j) => j)
  for (let i = 0; i < iterations; i++) {
    for (let k = order.length - 1; k > 0; k--) {
      const r = Math.floor(Math.random() * (k + 1))
      ;[order[k], order[r]] = [order[r] as number, order[k] as number]
    }
    for (const j of order) {
      const v = variants[j] as Variant
      const start = process.hrtime.bigint()
      await v.run()
      samples[j]?.push(Number(process.hrtime.bigint() - start) / 1e6)
    }
  }
  return variants.map((v, j) => {
    const sorted = (samples[j] ?? []).sort((a, b) => a - b)
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
    return { name: v.name, p50: at(0.5), p99: at(0.99) }
  })
}

export const ms = (n: number): string => `${n.toFixed(3)} ms`
export const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}×`
