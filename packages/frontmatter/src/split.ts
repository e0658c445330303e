/**
 * Where a front-matter block sits in a file, as offsets into the file's text.
 *
 * Offsets are into the original text (a byte order mark included), so every
 * position computed from them points at the real line and column.
 */
export interface Block {
  /** Offset of the opening fence. */
  start: number
  /** Offset just past the closing fence (its line ending excluded). */
  end: number
  /** Offset of the first character inside the fences. */
  valueStart: number
  /** Offset just past the last character inside the fences. */
  valueEnd: number
  /** The text between the fences. */
  value: string
}

const open = /^(\uFEFF?)---[ \t]*(\r?\n|$)/
const close = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm

/**
 * Find a YAML front-matter block (`---` … `---`) at the very start of `text`.
 *
 * @param text
 *   Whole file.
 * @returns
 *   The block, or `undefined` when the file has none (or the block is never
 *   closed, in which case the `---` is Markdown: a thematic break).
 */
export function findBlock(text: string): Block | undefined {
  const opening = open.exec(text)
  if (!opening) return undefined
  const start = (opening[1] ?? '').length
  const valueStart = opening[0].length
  // An opening fence at the very end of the file has no body and no closing fence.
  if (!opening[2]) return undefined
  close.lastIndex = valueStart
  const closing = close.exec(text)
  if (!closing) return undefined
  const fence = closing[0].replace(/\r?\n$/, '')
  const valueEnd = closing.index
  return {
    start,
    end: closing.index + fence.length,
    valueStart,
    valueEnd,
    value: text.slice(valueStart, valueEnd)
  }
}
