// Throughput under concurrency: each variant runs `calls` calls with `inFlight` of them pending at any
// moment (on a pool of 10 connections in the peer benchmark), variants alternating over the rounds.
import type { Variant } from './measure.js'

/** Calls per second of each variant (median over `rounds`), in the order of `variants`. */
export async function throughput(variants: Variant[], { inFlight = 16, calls = 2000, rounds = 3 } = {}): Promise<number[]> {
  const rates = variants.map(() => [] as number[])
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? variants.map((_, j) => j) : variants.map((_, j) => variants.length - 1 - j)
    for (const j of order) {
      const variant = variants[j] as Variant
      let started = 0
      const worker = async (): Promise<void> => {
        while (started < calls) {
          started++
          await variant.run()
        }
      }
      const start = process.hrtime.bigint()
      await Promise.all(Array.from({ length: inFlight }, worker))
      rates[j]?.push(calls / (Number(process.hrtime.bigint() - start) / 1e9))
    }
  }
  return rates.map((r) => r.sort((a, b) => a - b)[Math.floor(r.length / 2)] ?? Number.NaN)
}
