import path from 'node:path'
import type { UnpluginMessage } from 'unplugin'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

/**
 * Turn a vfile message into a bundler log, as mdx-js's Rollup bridge does:
 * the reason is the message, `loc.column` is 0-based (unist columns are
 * 1-based), and `pluginCode` is `source:ruleId`.
 *
 * @param message
 *   Message from Galley.
 * @param id
 *   Module id (the file).
 * @param placeInText
 *   Put `file:line:column: ` before the reason, for bundlers that drop `loc`.
 * @returns
 *   Log for `this.warn` or `this.error`.
 */
export function toLog(message: VFileMessage, id: string, placeInText = false): UnpluginMessage {
  // webpack keeps only the text of a log: the place goes in it.
  const place =
    placeInText && message.line !== undefined
      ? `${id}:${message.line}:${message.column ?? 1}: `
      : ''
  const log: UnpluginMessage = {
    message: `${place}${message.reason}`,
    id,
    pluginCode: `${message.source ?? 'galley'}:${message.ruleId ?? 'unknown'}`
  }
  if (message.line !== undefined && message.column !== undefined) {
    log.loc = { file: id, line: message.line, column: message.column - 1 }
  }
  return log
}

/** What `report` needs of a plugin context. */
interface Reporter {
  warn(log: UnpluginMessage): void
  error(log: UnpluginMessage): void
}

/**
 * Report the messages of files through the bundler, each file once per
 * build: warnings with `this.warn`, then the first fatal message with
 * `this.error` (which throws), naming how many more there are.
 *
 * @param context
 *   Plugin context.
 * @param files
 *   Files with messages.
 * @param root
 *   Folder the files' paths are relative to.
 * @param reported
 *   Files already reported in this build.
 * @param placeInText
 *   Put the place in the text too (webpack and Rspack drop `loc`).
 */
export function report(
  context: Reporter,
  files: ReadonlyArray<VFile>,
  root: string,
  reported: WeakSet<VFile>,
  placeInText = false
): void {
  const fatal: Array<{ message: VFileMessage; id: string }> = []
  for (const file of files) {
    const id = path.resolve(root, file.path)
    for (const message of file.messages) {
      if (message.fatal) fatal.push({ message, id })
      else if (!reported.has(file)) context.warn(toLog(message, id, placeInText))
    }
    reported.add(file)
  }
  const [first, ...rest] = fatal
  if (!first) return
  const log = toLog(first.message, first.id, placeInText)
  if (rest.length > 0) {
    log.message = `${log.message} (and ${rest.length} more: ${rest
      .map(({ message, id }) => `${id}:${message.line}:${message.column} ${message.reason}`)
      .join('; ')})`
  }
  context.error(log)
}
