import { constants } from 'node:os'
import type { Context } from './io.js'

/**
 * While a build runs, end it cleanly on Ctrl+C (`SIGINT`) or `SIGTERM`:
 * `cleanup` runs (it must be synchronous: the process exits right after),
 * the line it gives is printed, and the process exits with 128 plus the
 * signal's number, as a shell reports a command a signal stopped. A
 * signal reaches a handler only between two steps of the build, never
 * inside a synchronous one, such as a commit's renames.
 *
 * With a context of its own `signal` (a program running `main`), the
 * process's signals are left to that program.
 *
 * @returns
 *   A function that removes the handlers.
 */
export function exitOnSignal(context: Context, cleanup: () => string): () => void {
  if (context.signal) return () => {}
  const handler = (signal: NodeJS.Signals) => {
    let said: string
    try {
      said = cleanup()
    } catch (error) {
      said = `could not clean up: ${(error as Error).message}`
    }
    context.stderr.write(`galley: stopped by ${signal}; ${said}\n`)
    process.exit(128 + (constants.signals[signal] ?? 0))
  }
  process.once('SIGINT', handler)
  process.once('SIGTERM', handler)
  return () => {
    process.off('SIGINT', handler)
    process.off('SIGTERM', handler)
  }
}
