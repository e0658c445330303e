import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { BuildOptions } from '@galley/core'
import type Tinypool from 'tinypool'
import { capHeapGrowth } from './heap.js'
import type { WorkerSettings } from './worker.js'

/** Below this many files to render, starting workers costs more than it saves. */
const threshold = 100

/** How long one file may take to render in a worker. */
export const renderTimeoutMs = 60_000

/** What to tell the writer of a render the pool gave up on. */
function renderFailure(error: unknown, timeoutMs: number): Error {
  const name = (error as { name?: unknown } | undefined)?.name
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new Error(
      `it took longer than ${timeoutMs / 1000} s in a worker (a plugin that never finishes?); the worker was stopped`,
      { cause: error }
    )
  }
  const text = error instanceof Error ? error.message : String(error)
  return new Error(`its worker stopped (${text}); a plugin may crash or exit the thread`, {
    cause: error
  })
}

/**
 * The worker file: beside this module once built (`dist/worker.js`); when
 * this module runs from source (in tests), the built one of this package.
 */
function workerFile(): string {
  const built = new URL('./worker.js', import.meta.url)
  if (!import.meta.url.endsWith('.ts')) return fileURLToPath(built)
  const fromSource = fileURLToPath(new URL('../dist/worker.js', import.meta.url))
  if (!existsSync(fromSource)) {
    throw new Error('Cannot find `dist/worker.js` of `@galley/cli`; run `pnpm build` first')
  }
  return fromSource
}

/**
 * A pool of render workers for `build(files, { pool })`, with tinypool: each
 * worker loads the site's config as the main thread did and renders with
 * `createRenderFunction`.
 *
 * @param settings
 *   How workers find the config.
 * @param workers
 *   Number of threads, or `'auto'`: the machine's cores when there are at
 *   least 100 files to render, else none.
 * @returns
 *   The `pool` option of a build.
 */
export function workerPool(
  settings: Omit<WorkerSettings, 'routes'>,
  workers: number | 'auto',
  timeoutMs: number = renderTimeoutMs
): NonNullable<BuildOptions['pool']> {
  return (routes, count) => {
    const threads = workers === 'auto' ? (count >= threshold ? availableParallelism() : 1) : workers
    // Many renders, here or in workers (V8's flags are the process's):
    // much garbage in each thread's heap.
    if (count >= threshold) capHeapGrowth()
    if (Math.min(threads, count) <= 1) return undefined
    // Loaded only when a build has files to render in workers: a resumed
    // build never needs it.
    const slots = semaphore(Math.min(threads, count))
    const pool = import('tinypool').then(({ default: Pool }) =>
      startPool(Pool, {
        filename: workerFile(),
        minThreads: Math.min(threads, count),
        maxThreads: Math.min(threads, count),
        workerData: { ...settings, routes } satisfies WorkerSettings
      })
    )
    return {
      // A render that never ends (a plugin's promise that never settles) is
      // stopped, its thread replaced, and the file reported; so is a thread
      // that crashes or exits.
      render: async (input) => {
        const started = await pool
        // One task a thread at a time, so the time limit counts the render
        // only, not the wait behind a render that hangs.
        const release = await slots.take()
        try {
          return await started.run(input, { signal: AbortSignal.timeout(timeoutMs) })
        } catch (error) {
          throw renderFailure(error, timeoutMs)
        } finally {
          release()
        }
      },
      close: async () => (await pool).destroy()
    }
  }
}

/**
 * Start the workers with this process's Node flags, less those a worker
 * thread refuses (a V8 or per-process one, such as `node --trace-gc` or
 * `--max-semi-space-size`): the workers start without those, as they would
 * without any.
 */
function startPool(
  Pool: typeof Tinypool,
  options: Omit<NonNullable<ConstructorParameters<typeof Tinypool>[0]>, 'execArgv'>
): Tinypool {
  const start = (execArgv: string[]) => new Pool({ ...options, execArgv })
  const flags = nodeFlags(process.execArgv)
  try {
    return start(flags)
  } catch (error) {
    if ((error as { code?: unknown })?.code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error
    const refused = new Set(
      String((error as Error).message)
        .split(': ')
        .at(-1)
        ?.split(', ')
    )
    const kept = flags.filter((flag) => !refused.has(flag))
    try {
      return start(kept.length < flags.length ? kept : [])
    } catch {
      return start([])
    }
  }
}

/**
 * The Node flags of this process for the workers, less the `galley-source`
 * condition (it resolves Galley's packages to TypeScript sources, which a
 * plain worker cannot run; the test runner sets it).
 */
function nodeFlags(flags: ReadonlyArray<string>): string[] {
  const kept: string[] = []
  for (let index = 0; index < flags.length; index++) {
    const flag = flags[index] as string
    if ((flag === '--conditions' || flag === '-C') && flags[index + 1] === 'galley-source') {
      index++
    } else if (flag !== '--conditions=galley-source') {
      kept.push(flag)
    }
  }
  return kept
}

/** At most `size` holders at once; `take` waits for a free slot and gives its release. */
function semaphore(size: number): { take(): Promise<() => void> } {
  let free = size
  const waiting: Array<() => void> = []
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else free++
  }
  return {
    take() {
      if (free > 0) {
        free--
        return Promise.resolve(release)
      }
      return new Promise((resolve) => waiting.push(() => resolve(release)))
    }
  }
}
