import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'
import type { Block } from './split.js'

/** The `source` of every message this package adds. */
export const source = '@galley/frontmatter'

/**
 * Turn two offsets into the file's text into a unist position.
 *
 * @param file
 *   File whose `value` the offsets point into.
 * @param start
 *   Start offset.
 * @param end
 *   End offset.
 * @returns
 *   Position with 1-based lines and columns.
 */
export function toPosition(file: VFile, start: number, end: number): Position {
  const place = location(file)
  const fallback: Point = { line: 1, column: 1, offset: 0 }
  const from = place.toPoint(start) ?? fallback
  return { start: from, end: place.toPoint(end) ?? from }
}

/**
 * Add a fatal syntax error found at `[from, to)` of a block's value. An
 * error found past the last character (an unclosed `[`) is placed on the
 * last character, so it points at a line of the block, not at its fence.
 *
 * @returns
 *   Nothing; the message is on `file`.
 */
export function syntaxError(
  file: VFile,
  block: Block,
  ruleId: string,
  reason: string,
  from: number,
  to: number
): void {
  const last = block.value.trimEnd().length
  const start = Math.max(0, Math.min(from, last - 1))
  const end = Math.max(start, Math.min(to, last))
  const message = file.message(reason, {
    place: toPosition(file, block.valueStart + start, block.valueStart + end),
    ruleId,
    source
  })
  message.fatal = true
}

/** The first line of an error message, without a final period. */
export function firstLine(value: string): string {
  return (value.split('\n')[0] ?? value).replace(/\.$/, '')
}

/**
 * Add a fatal `not-a-mapping` message on `[from, to)` of a block's value:
 * the front matter is a scalar or a list, not keys and values.
 */
export function notAMapping(
  file: VFile,
  block: Block,
  reason: string,
  from: number,
  to: number
): void {
  const end = from + block.value.slice(from, to).trimEnd().length
  const message = file.message(reason, {
    place: toPosition(file, block.valueStart + from, block.valueStart + end),
    ruleId: 'not-a-mapping',
    source
  })
  message.fatal = true
}
