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

/**
 * Mean time per call, for costs below a single call's timing noise (a plugin's microsecond): each
 * variant runs `batch` calls back to back, the variants take turns in a fresh random order for
 * `rounds` rounds, and the median of each variant's batch means is returned (milliseconds per call).
 * `rounds` on each timing holds its batch means in round order, for paired comparisons ({@link pairedDifference}).
 */
export async function perCall(variants: Variant[], { batch = 2000, rounds = 25 } = {}): Promise<(Timing & { rounds: number[] })[]> {
  const means = variants.map(() => [] as number[])
  const order = variants.map((_, j) => j)
  for (let round = 0; round < rounds; round++) {
    order.sort(() => Math.random() - 0.5)
    for (const j of order) {
      const v = variants[j] as Variant
      const start = process.hrtime.bigint()
      for (let i = 0; i < batch; i++) await v.run()
      means[j]?.push(Number(process.hrtime.bigint() - start) / 1e6 / batch)
    }
  }
  return variants.map((v, j) => {
    const inOrder = means[j] ?? []
    const sorted = [...inOrder].sort((a, b) => a - b)
    const mid = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
    return { name: v.name, p50: mid, p99: sorted.at(-1) ?? Number.NaN, rounds: inOrder }
  })
}

/**
 * The median over rounds of `b − a`, each round's two batch means taken from the same round: a load
 * that slows one round slows both variants in it and cancels, where the difference of two medians
 * carries it (milliseconds per call).
 */
export function pairedDifference(a: { rounds: number[] }, b: { rounds: number[] }): number {
  const differences = a.rounds.map((x, i) => (b.rounds[i] ?? Number.NaN) - x).sort((x, y) => x - y)
  return differences[Math.floor(differences.length / 2)] ?? Number.NaN
}

/**
 * The median over rounds of `b / a`, each round's two batch means taken from the same round, for the
 * same reason as {@link pairedDifference}: drift between rounds (a server's background work, the other
 * core's load) cancels within a round.
 */
export function pairedRatio(a: { rounds: number[] }, b: { rounds: number[] }): number {
  const ratios = a.rounds.map((x, i) => (b.rounds[i] ?? Number.NaN) / x).sort((x, y) => x - y)
  return ratios[Math.floor(ratios.length / 2)] ?? Number.NaN
}
