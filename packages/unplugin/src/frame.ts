import { readFileSync } from 'node:fs'
import { codeFrameColumns } from '@babel/code-frame'
import type { VFileMessage } from 'vfile-message'

/**
 * The code frame of a message: the lines around its place in the file, with
 * a caret under its 1-based column, as Rollup and Vite print below an error.
 * Given by Galley, so that a host does not make one from `loc` itself
 * (Vite would count its column from 0).
 *
 * @param file
 *   Absolute path of the file.
 * @param message
 *   Message with a place.
 * @returns
 *   Frame, or `undefined` when the message has no place or the file cannot
 *   be read.
 */
export function frameOf(file: string, message: VFileMessage): string | undefined {
  if (message.line === undefined) return undefined
  let source: string
  try {
    source = readFileSync(file, 'utf8')
  } catch {
    return undefined
  }
  const start = { line: message.line, column: message.column ?? 1 }
  return codeFrameColumns(source, { start }, { highlightCode: false })
}
