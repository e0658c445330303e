import type { Context } from './io.js'

type Stream = NodeJS.WritableStream & { isTTY?: boolean }

/**
 * A one-line progress bar on standard error when it is a terminal:
 * `galley: rendering [#####     ] 50/100`.
 *
 * @returns
 *   Callback, or `undefined` when standard error is not a terminal.
 */
export function progressBar(
  context: Context,
  label: string
): ((state: { done: number; total: number }) => void) | undefined {
  const stream = context.stderr as Stream
  if (!stream.isTTY) return undefined
  return ({ done, total }) => {
    const filled = Math.round((done / total) * 30)
    stream.write(
      `\rgalley: ${label} [${'#'.repeat(filled)}${' '.repeat(30 - filled)}] ${done}/${total}`
    )
    if (done === total) stream.write('\n')
  }
}

/**
 * Progress while rendering, for long work only (100 posts or more): a bar on
 * a terminal, a plain line at every tenth otherwise.
 *
 * @returns
 *   Callback, or `undefined` for short work.
 */
export function renderProgress(
  context: Context,
  total: number
): ((state: { done: number }) => void) | undefined {
  if (total < 100) return undefined
  const bar = progressBar(context, 'rendering')
  if (bar) return ({ done }) => bar({ done, total })
  const step = Math.ceil(total / 10)
  return ({ done }) => {
    if (done % step === 0 || done === total)
      context.stderr.write(`galley: rendered ${done}/${total} posts\n`)
  }
}
