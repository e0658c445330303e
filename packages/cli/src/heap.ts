import { setFlagsFromString } from 'node:v8'

let capped = false

/**
 * Before a build renders many files (on this thread or in workers: V8's
 * flags are the process's): let V8 grow the old
 * generation to at most twice what a full collection left
 * (`--heap-growing-percent=100`), instead of up to four times. Rendering
 * leaves much short-lived garbage in the old generation; V8's own
 * heuristics let it pile up (a cold build of 10,000 posts on one thread
 * peaked at 850 MiB, 549 MiB with this, in the same time). A flag the
 * process was started with (in `execArgv` or `NODE_OPTIONS`) is left as it
 * is.
 */
export function capHeapGrowth(): void {
  if (capped) return
  capped = true
  const given = [...process.execArgv, process.env.NODE_OPTIONS ?? '']
  if (given.some((flag) => /--heap[-_]growing[-_]percent/.test(flag))) return
  setFlagsFromString('--heap-growing-percent=100')
}
