import type { Point, Position } from 'unist'
import type { VFile } from 'vfile'
import { location } from 'vfile-location'

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
  const from = place.toPoint(start)
  const to = place.toPoint(end)
  const fallback: Point = { line: 1, column: 1, offset: 0 }
  return { start: from ?? fallback, end: to ?? from ?? fallback }
}
