import { main } from '@galley/cli'
import { capture } from './streams.js'

/** A `galley dev` running in the test's process. */
export interface DevServer {
  /** `http://127.0.0.1:<port>`. */
  origin: string
  /** What the command printed so far. */
  stdout: ReturnType<typeof capture>
  /** Stop it; gives its exit code. */
  stop(): Promise<number>
}

/**
 * Wait until `check` gives a value (every 25 ms, at most 200 times).
 *
 * @param what
 *   What is waited for, to name in the error when it never comes.
 */
export async function until<T>(check: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let tries = 0; tries < 200; tries++) {
    const value = await check()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`Timed out waiting for ${what}`)
}

/**
 * Start `galley dev` on a free port of 127.0.0.1 in `cwd`, at a fixed date,
 * and wait until it serves.
 *
 * @param args
 *   More arguments (such as `--config <file>`).
 */
export async function startDev(cwd: string, args: string[] = []): Promise<DevServer> {
  const controller = new AbortController()
  const stdout = capture()
  const running = main(['dev', '--port', '0', '--host', '127.0.0.1', ...args], {
    cwd,
    stdout,
    stderr: capture(),
    signal: controller.signal,
    now: new Date('2026-01-01T00:00:00Z')
  })
  const origin = await until(
    async () => /dev server at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout.text())?.[1],
    'the server to start'
  )
  return {
    origin,
    stdout,
    stop() {
      controller.abort()
      return running
    }
  }
}
