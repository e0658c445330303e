import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { retryAfter, type Settings } from '../src/external/check-url.js'
import { HostGate } from '../src/external/schedule.js'

const settings: Settings = {
  retries: 3,
  retryDelay: 500,
  maxRetryAfter: 30_000,
  timeout: 15_000,
  maxRedirects: 5,
  fragments: false,
  accept: new Set(),
  userAgent: 'test',
  random: () => 0.5,
  now: () => 0,
  signal: new AbortController().signal,
  deadline: 300_000
}
const response = (value?: string) => ({
  status: 429,
  headers: value === undefined ? {} : { 'retry-after': value },
  body: undefined
})

describe('back-off (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers()
    vi.setSystemTime(new Date('2026-01-01T00:00:00Z'))
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('should read Retry-After as seconds or a date, cap it, and back off exponentially otherwise', () => {
    expect(retryAfter(response('7'), 0, settings)).toBe(7000)
    expect(retryAfter(response('Thu, 01 Jan 2026 00:00:12 GMT'), 0, settings)).toBe(12_000)
    expect(retryAfter(response('Thu, 01 Jan 2026 01:00:00 GMT'), 0, settings)).toBe(30_000)
    expect(retryAfter(response('Wed, 31 Dec 2025 00:00:00 GMT'), 0, settings)).toBe(0)
    // Garbage and missing: 500 ms × 2^retry, plus jitter of up to as much (here half).
    expect(retryAfter(response('soon'), 0, settings)).toBe(750)
    expect(retryAfter(response(), 1, settings)).toBe(1500)
    expect(retryAfter(response(), 2, settings)).toBe(3000)
  })

  it('should space the starts of requests to one host by the interval', async () => {
    const gate = new HostGate(4, 1000)
    const starts: number[] = []
    const tasks = [0, 1, 2].map(() => gate.run('a.test', async () => void starts.push(Date.now())))
    const other = gate.run('b.test', async () => void starts.push(Date.now()))
    await vi.advanceTimersByTimeAsync(5000)
    await Promise.all([...tasks, other])
    const start = new Date('2026-01-01T00:00:00Z').getTime()
    expect(starts.map((time) => time - start)).toEqual([0, 0, 1000, 2000])
  })
})
