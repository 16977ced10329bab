// Issue #9's targets, checked against the rows of one run; printed as a table (a target not met stays
// in it, marked).
import type { Dialect } from 'kysera/core'

export interface Row {
  dialect: Dialect
  workload: string
  variant: string
  /** Milliseconds (latency workloads, migrations). */
  p50?: number
  /** Calls or rows per second. */
  perSecond?: number
}

interface Target {
  name: string
  dialects: Dialect[]
  /** The measured value, or undefined when the run lacks it. */
  measure: (find: (workload: string, variant: string) => Row | undefined) => number | undefined
  met: (value: number) => boolean
  format: (value: number) => string
}

const ratio = (v: number) => `${v.toFixed(2)}×`
const p50 = (row: Row | undefined) => row?.p50
const rate = (row: Row | undefined) => row?.perSecond
const divide = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a / b)
const ALL: Dialect[] = ['sqlite', 'postgres', 'mysql']

const TARGETS: Target[] = [
  { name: 'PK lookup: repository ≤ 1.10× driver', dialects: ['postgres', 'mysql'], measure: (f) => divide(p50(f('primary-key', 'kysera repository')), p50(f('primary-key', 'driver'))), met: (v) => v <= 1.1, format: ratio },
  { name: 'PK lookup: repository ≤ 1.0× drizzle-orm', dialects: ALL, measure: (f) => divide(p50(f('primary-key', 'kysera repository')), p50(f('primary-key', 'drizzle-orm'))), met: (v) => v <= 1, format: ratio },
  { name: 'PK lookup: repository ≤ 1.0× @kysera/repository', dialects: ALL, measure: (f) => divide(p50(f('primary-key', 'kysera repository')), p50(f('primary-key', '@kysera/repository'))), met: (v) => v <= 1, format: ratio },
  { name: 'PK lookup: Kysely + statement cache ≤ 0.6× Kysely', dialects: ['sqlite'], measure: (f) => divide(p50(f('primary-key', 'kysely + kysera statement cache')), p50(f('primary-key', 'kysely'))), met: (v) => v <= 0.6, format: ratio },
  // The same target for Kysera as a whole: its repository (statements compiled once) on KyseraSqliteDialect.
  { name: 'PK lookup: kysera repository ≤ 0.6× Kysely', dialects: ['sqlite'], measure: (f) => divide(p50(f('primary-key', 'kysera repository')), p50(f('primary-key', 'kysely'))), met: (v) => v <= 0.6, format: ratio },
  { name: 'bulk insert ≥ 500,000 rows/s', dialects: ['sqlite'], measure: (f) => rate(f('bulk insert', 'kysera repository')), met: (v) => v >= 500_000, format: (v) => `${Math.round(v).toLocaleString('en')} rows/s` },
  { name: 'bulk insert ≥ 0.9× driver (unnest)', dialects: ['postgres'], measure: (f) => divide(rate(f('bulk insert', 'kysera repository')), rate(f('bulk insert', 'driver'))), met: (v) => v >= 0.9, format: ratio },
  { name: 'bulk update ≥ 0.9× driver (UPDATE … FROM unnest)', dialects: ['postgres'], measure: (f) => divide(rate(f('bulk update', 'kysera repository')), rate(f('bulk update', 'driver'))), met: (v) => v >= 0.9, format: ratio },
  { name: 'bulk update ≥ 15× single updates', dialects: ['postgres'], measure: (f) => divide(rate(f('bulk update', 'kysera repository')), rate(f('bulk update', 'update() per row'))), met: (v) => v >= 15, format: ratio },
  { name: 'soft-delete filter ≤ 1.03× hand-written (kyselyPlugin)', dialects: ALL, measure: (f) => divide(p50(f('soft-delete', 'kyselyPlugin')), p50(f('soft-delete', 'hand-written'))), met: (v) => v <= 1.03, format: ratio },
  { name: 'soft-delete filter ≤ 1.03× hand-written (repository)', dialects: ALL, measure: (f) => divide(p50(f('soft-delete', 'repository + softDelete')), p50(f('soft-delete', 'hand-written'))), met: (v) => v <= 1.03, format: ratio },
  {
    name: 'debug plugin ≤ +0.5 µs per query (logging off)',
    dialects: ALL,
    measure: (f) => {
      const on = p50(f('debug plugin', 'withDebug'))
      const off = p50(f('debug plugin', 'kysely'))
      return on === undefined || off === undefined ? undefined : (on - off) * 1000
    },
    met: (v) => v <= 0.5,
    format: (v) => `${v >= 0 ? '+' : ''}${v.toFixed(1)} µs`,
  },
  { name: 'audit on bulk update ≤ 1.3× without', dialects: ALL, measure: (f) => divide(rate(f('bulk update', 'kysera repository')), rate(f('bulk update', 'kysera repository + audit'))), met: (v) => v <= 1.3, format: ratio },
]

export function checkTargets(rows: Row[]): void {
  console.log('\nTargets (issue #9)\n')
  console.log('| target | database | measured | |')
  console.log('|---|---|---|---|')
  for (const target of TARGETS) {
    for (const dialect of target.dialects) {
      const find = (workload: string, variant: string) => rows.find((r) => r.dialect === dialect && r.workload.includes(workload) && r.variant.includes(variant) && (variant !== 'kysera repository' || r.variant === variant))
      const value = target.measure(find)
      if (value === undefined) continue
      console.log(`| ${target.name} | ${dialect} | ${target.format(value)} | ${target.met(value) ? 'met' : '**not met**'} |`)
    }
  }
}
