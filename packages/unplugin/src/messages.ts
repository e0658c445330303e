import type { UnpluginMessage } from 'unplugin'
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
 * @returns
 *   Log for `this.warn` or `this.error`.
 */
export function toLog(message: VFileMessage, id: string): UnpluginMessage {
  const log: UnpluginMessage = {
    message: message.reason,
    id,
    pluginCode: `${message.source ?? 'galley'}:${message.ruleId ?? 'unknown'}`
  }
  if (message.line !== undefined && message.column !== undefined) {
    log.loc = { file: id, line: message.line, column: message.column - 1 }
  }
  return log
}
