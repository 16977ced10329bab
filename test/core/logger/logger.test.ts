import { consoleLogger, silentLogger, type Logger } from 'kysera/core'
import { afterEach, describe, expect, it, vi } from 'vitest'

describe('loggers', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('consoleLogger prefixes each level and passes context through', () => {
    const lines: unknown[][] = []
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        lines.push([level, ...args])
      })
    }
    consoleLogger.debug('d')
    consoleLogger.info('i', { a: 1 })
    consoleLogger.warn('w')
    consoleLogger.error('e', 1, 2)
    expect(lines).toEqual([
      ['debug', '[kysera] d'],
      ['info', '[kysera] i', { a: 1 }],
      ['warn', '[kysera] w'],
      ['error', '[kysera] e', 1, 2],
    ])
  })

  it('silentLogger writes nothing', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {})
    silentLogger.error('nothing')
    silentLogger.info('nothing')
    expect(spy).not.toHaveBeenCalled()
  })

  it('console itself fits the Logger interface', () => {
    const logger: Logger = console
    expect(typeof logger.warn).toBe('function')
  })

  it('cannot be mutated by a caller', () => {
    expect(Object.isFrozen(consoleLogger)).toBe(true)
    expect(Object.isFrozen(silentLogger)).toBe(true)
  })
})
