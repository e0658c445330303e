import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'
import type { StoredMessage } from './types.js'

/** The messages of a file as plain data (see `restoreMessages`). */
export function storeMessages(file: VFile): StoredMessage[] {
  return file.messages.map((message) => {
    const stored: StoredMessage = {
      reason: message.reason,
      place: message.place,
      ruleId: message.ruleId,
      source: message.source,
      fatal: message.fatal,
      expected: message.expected
    }
    // Kept only when set, so a stored render stays as small as it was.
    if (message.actual !== undefined) stored.actual = message.actual
    if (message.note !== undefined) stored.note = message.note
    if (message.url !== undefined) stored.url = message.url
    return stored
  })
}

/** Put stored messages back on a file, as `file.message()` made them. */
export function restoreMessages(file: VFile, stored: ReadonlyArray<StoredMessage>): void {
  for (const item of stored) {
    const message = new VFileMessage(item.reason, {
      place: item.place,
      ruleId: item.ruleId,
      source: item.source
    })
    // As `file.message()` does: the path leads the message's name.
    if (file.path) {
      message.name = `${file.path}:${message.name}`
      message.file = file.path
    }
    message.fatal = item.fatal
    if (item.expected) message.expected = item.expected
    if (item.actual !== undefined) message.actual = item.actual
    if (item.note !== undefined) message.note = item.note
    if (item.url !== undefined) message.url = item.url
    file.messages.push(message)
  }
}
