import path from 'node:path'
import type { UnpluginMessage } from 'unplugin'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'
import { frameOf } from './frame.js'

/**
 * Where a host shows a message's place.
 *
 * * `'loc'` — from `loc` (Rollup, Rolldown, the Vite dev server, esbuild)
 * * `'warnings'` — from `loc` for errors only: warnings carry the place in
 *   their text (a Vite build prints a warning's text alone)
 * * `'text'` — nowhere: every message carries the place in its text
 *   (webpack and Rspack keep only the text)
 */
export type Placing = 'loc' | 'text' | 'warnings'

/**
 * Turn a vfile message into a bundler log: the reason is the message,
 * `pluginCode` is `source:ruleId`, and `loc` holds the file with unist's
 * 1-based line and column, the place an editor opens, so that what every
 * host prints from `loc` is the place `galley build` prints.
 *
 * @param message
 *   Message from Galley.
 * @param id
 *   Module id (the file).
 * @param inText
 *   Put `file:line:column: ` before the reason (hosts that do not show `loc`).
 * @returns
 *   Log for `this.warn` or `this.error`.
 */
export function toLog(message: VFileMessage, id: string, inText = false): UnpluginMessage {
  const place =
    inText && message.line !== undefined
      ? `${shown(id)}:${message.line}:${message.column ?? 1}: `
      : ''
  const log: UnpluginMessage = {
    message: `${place}${message.reason}`,
    id,
    pluginCode: `${message.source ?? 'galley'}:${message.ruleId ?? 'unknown'}`
  }
  if (message.line !== undefined) {
    log.loc = { file: id, line: message.line, column: message.column ?? 1 }
  }
  return log
}

/**
 * A path as a terminal shows it best: relative to the working folder when
 * inside it (so it is short and still opens on a click), else absolute.
 *
 * @param id
 *   Absolute path.
 * @returns
 *   Path to show.
 */
function shown(id: string): string {
  const relative = path.relative(process.cwd(), id)
  return relative.startsWith('..') || path.isAbsolute(relative) ? id : relative
}

/** What `report` needs of a plugin context. */
interface Reporter {
  warn(log: UnpluginMessage): void
  error(log: UnpluginMessage): void
}

/**
 * Report the messages of files through the bundler, each file once per
 * build: warnings with `this.warn`, then the first fatal message with
 * `this.error` (which throws), with a code frame, naming how many more
 * there are.
 *
 * @param context
 *   Plugin context.
 * @param files
 *   Files with messages.
 * @param root
 *   Folder the files' paths are relative to.
 * @param reported
 *   Files already reported in this build.
 * @param placing
 *   Where the host shows a place.
 */
export function report(
  context: Reporter,
  files: ReadonlyArray<VFile>,
  root: string,
  reported: WeakSet<VFile>,
  placing: Placing = 'loc'
): void {
  const fatal: Array<{ message: VFileMessage; id: string }> = []
  for (const file of files) {
    const id = path.resolve(root, file.path)
    for (const message of file.messages) {
      if (message.fatal) fatal.push({ message, id })
      else if (!reported.has(file)) context.warn(toLog(message, id, placing !== 'loc'))
    }
    reported.add(file)
  }
  const [first, ...rest] = fatal
  if (!first) return
  const log = toLog(first.message, first.id, placing === 'text')
  // Rollup's and Vite's logs take a `frame`; unplugin's type leaves it out.
  const frame = frameOf(first.id, first.message)
  if (rest.length > 0) {
    log.message = `${log.message} (and ${rest.length} more: ${rest
      .map(({ message, id }) => `${shown(id)}:${message.line}:${message.column} ${message.reason}`)
      .join('; ')})`
  }
  const framed: UnpluginMessage & { frame?: string } = frame ? { ...log, frame } : log
  context.error(framed)
}
