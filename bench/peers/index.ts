// Kysera against the libraries users would pick instead (issue #9): the raw driver, Kysely, drizzle-orm
// and the @kysera/* 0.8 packages, on the same pool (10 connections) of each local database.
// Latency workloads: p50/p99 of sequential calls, interleaved after a warm-up, and throughput with 16
// calls in flight. Bulk workloads: rows/s, median of 3 interleaved runs. Every variant's statements are
// counted at the driver (BEGIN/COMMIT included); more than the driver baseline is flagged with "!".
//   KYSERA_BENCH_DIALECTS=postgres,mysql   KYSERA_BENCH_WORKLOADS=lookup,bulk   KYSERA_BENCH_QUICK=1
import type { Dialect } from 'kysera/core'
import { measure, type Timing } from '../lib/measure.js'
import { openDrivers, type Drivers } from '../lib/drivers.js'
import { throughput } from '../lib/throughput.js'
import { openLibraries, type Libraries } from './libraries.js'
import { resetTable, seed } from './schema.js'
import { WORKLOADS, type BulkWorkload, type LatencyWorkload } from './workloads.js'
import { migrationRows } from './migrations.js'
import { checkTargets, type Row } from './targets.js'

const quick = process.env.KYSERA_BENCH_QUICK === '1'
const ITERATIONS = quick ? 200 : 1500
const CALLS = quick ? 500 : 3000
const BULK_ROUNDS = 3
const SCHEMA = 'kysera_bench_peers'
const dialects = (process.env.KYSERA_BENCH_DIALECTS?.split(',') ?? ['sqlite', 'postgres', 'mysql']) as Dialect[]
const wanted = process.env.KYSERA_BENCH_WORKLOADS?.split(',')
const chosen = WORKLOADS.filter((w) => wanted === undefined || wanted.some((name) => w.name.includes(name)))

const DATABASE: Record<Dialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL', mysql: 'MariaDB' }
const fixed = (n: number, digits = 3) => n.toFixed(digits)
const times = (a: number, b: number) => `${(a / b).toFixed(2)}×`

/**
 * The variants that work: each runs once (after `prepare`); one that throws is reported with its
 * error and left out of the timings (a peer may not handle the workload at all).
 */
async function working<V extends { name: string; run: () => Promise<unknown>; prepare?: () => Promise<void> }>(variants: V[], failures: string[]): Promise<V[]> {
  const ok: V[] = []
  for (const v of variants) {
    try {
      await v.prepare?.()
      await v.run()
      ok.push(v)
    } catch (error) {
      failures.push(`${v.name}: fails — ${(error instanceof Error ? error.message : String(error)).split('\n')[0]?.slice(0, 120)}`)
    }
  }
  return ok
}

function printFailures(failures: string[]): void {
  for (const f of failures) console.log(`\n- ${f}`)
}

async function countStatements(variants: { name: string; run: () => Promise<unknown>; prepare?: () => Promise<void> }[], counting: Drivers): Promise<number[]> {
  const counts: number[] = []
  for (const v of variants) {
    await v.prepare?.()
    await v.run() // first call: catalogue reads and plugin set-up happen once, not per call
    await v.prepare?.()
    const before = counting.statements()
    await v.run()
    counts.push(counting.statements() - before)
  }
  return counts
}

function statementCell(count: number | undefined, baseline: number | undefined): string {
  if (count === undefined) return ''
  return baseline !== undefined && count > baseline ? `${count} !` : String(count)
}

async function runLatency(w: LatencyWorkload, libs: Libraries, countingLibs: Libraries, dialect: Dialect, rows: Row[]): Promise<void> {
  const failures: string[] = []
  const variants = await working(w.variants(libs), failures)
  const names = new Set(variants.map((v) => v.name))
  if (variants.length === 0) return printFailures(failures)
  const timings: Timing[] = await measure(variants, { warmup: 50, iterations: ITERATIONS })
  const rates = await throughput(variants, { inFlight: 16, calls: CALLS })
  const counts = await countStatements(w.variants(countingLibs).filter((v) => names.has(v.name)), countingLibs.drivers)
  const base = timings[0] as Timing
  console.log(`\n${w.name} — ${DATABASE[dialect]}\n`)
  console.log(`| variant | p50 | p99 | p50 vs ${base.name} | calls/s at 16 in flight | vs ${base.name} | statements |`)
  console.log('|---|---|---|---|---|---|---|')
  for (const [i, t] of timings.entries()) {
    const rate = rates[i] as number
    console.log(`| ${t.name} | ${fixed(t.p50)} ms | ${fixed(t.p99)} ms | ${times(t.p50, base.p50)} | ${rate.toFixed(0)} | ${times(rate, rates[0] as number)} | ${statementCell(counts[i], counts[0])} |`)
    rows.push({ dialect, workload: w.name, variant: t.name, p50: t.p50, perSecond: rate })
  }
  printFailures(failures)
}

async function runBulk(w: BulkWorkload, libs: Libraries, countingLibs: Libraries, dialect: Dialect, rows: Row[]): Promise<void> {
  const failures: string[] = []
  const variants = await working(w.variants(libs), failures)
  const names = new Set(variants.map((v) => v.name))
  if (variants.length === 0) return printFailures(failures)
  const samples = variants.map(() => [] as number[])
  for (let round = 0; round < BULK_ROUNDS; round++) {
    const order = variants.map((_, j) => j).sort(() => Math.random() - 0.5)
    for (const j of order) {
      const v = variants[j] as (typeof variants)[number]
      await v.prepare()
      const start = process.hrtime.bigint()
      await v.run()
      samples[j]?.push(Number(process.hrtime.bigint() - start) / 1e9)
    }
  }
  await libs.kysely.deleteFrom('bench_people').where('id', '>', 10_000).execute()
  const counts = await countStatements(w.variants(countingLibs).filter((v) => names.has(v.name)), countingLibs.drivers)
  await seed(libs.kysely, dialect)
  const rates = variants.map((v, j) => {
    const sorted = (samples[j] ?? []).sort((a, b) => a - b)
    return (v.rows ?? w.rows) / (sorted[Math.floor(sorted.length / 2)] as number)
  })
  console.log(`\n${w.name} — ${DATABASE[dialect]}\n`)
  console.log(`| variant | rows/s | vs ${variants[0]?.name} | statements |`)
  console.log('|---|---|---|---|')
  for (const [j, v] of variants.entries()) {
    const rate = rates[j] as number
    console.log(`| ${v.name} | ${rate.toFixed(0)} | ${times(rate, rates[0] as number)} | ${statementCell(counts[j], counts[0])} |`)
    rows.push({ dialect, workload: w.name, variant: v.name, perSecond: rate })
  }
  printFailures(failures)
}

const rows: Row[] = []
for (const dialect of dialects) {
  const drivers = await openDrivers(dialect, SCHEMA)
  const counting = await openDrivers(dialect, SCHEMA, { counting: true })
  if (drivers === undefined || counting === undefined) continue
  try {
    const libs = await openLibraries(drivers)
    await resetTable(libs.kysely, dialect)
    const countingLibs = await openLibraries(counting)
    for (const w of chosen) {
      if (w.kind === 'latency') await runLatency(w, libs, countingLibs, dialect, rows)
      else await runBulk(w, libs, countingLibs, dialect, rows)
    }
    if (wanted === undefined || wanted.some((name) => 'migrations'.includes(name))) {
      rows.push(...(await migrationRows(libs, dialect, DATABASE[dialect])))
    }
  } finally {
    await counting.close()
    await drivers.close()
  }
}
checkTargets(rows)
