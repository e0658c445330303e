/**
 * Per-host gate: at most `concurrency` requests in flight to one host, and
 * at least `interval` milliseconds between the starts of two of them.
 */
export class HostGate {
  readonly #concurrency: number
  readonly #interval: number
  readonly #hosts = new Map<string, { active: number; last: number; queue: Array<() => void> }>()

  constructor(concurrency: number, interval: number) {
    this.#concurrency = concurrency
    this.#interval = interval
  }

  /** Run `task` when the host has room. */
  async run<T>(host: string, task: () => Promise<T>): Promise<T> {
    let state = this.#hosts.get(host)
    if (!state) {
      state = { active: 0, last: Number.NEGATIVE_INFINITY, queue: [] }
      this.#hosts.set(host, state)
    }
    while (state.active >= this.#concurrency) {
      await new Promise<void>((resolve) => state?.queue.push(resolve))
    }
    state.active++
    const now = Date.now()
    const start = Math.max(now, state.last + this.#interval)
    state.last = start
    // A timer may fire a millisecond early by the clock: wait until it says so.
    for (let left = start - now; left > 0; left = start - Date.now()) {
      await new Promise((resolve) => setTimeout(resolve, left))
    }
    try {
      return await task()
    } finally {
      state.active--
      state.queue.shift()?.()
    }
  }
}
