import { parseTree } from 'jsonc-parser'

/** The front-matter formats Galley reads. */
export type Format = 'json' | 'toml' | 'yaml'

/**
 * Where a front-matter block sits in a file, as offsets into the file's text.
 *
 * Offsets are into the original text (a byte order mark included), so every
 * position computed from them points at the real line and column.
 */
export interface Block {
  /** Format of the block. */
  format: Format
  /** Offset of the opening fence (or of `{` for a bare JSON object). */
  start: number
  /** Offset just past the closing fence (or `}`), its line ending excluded. */
  end: number
  /** Offset of the first character of the data. */
  valueStart: number
  /** Offset just past the last character of the data. */
  valueEnd: number
  /** The data: the text between the fences. */
  value: string
}

const fences: ReadonlyArray<{ format: Format; open: RegExp; close: RegExp }> = [
  { format: 'json', open: /^---json[ \t]*(\r?\n|$)/, close: /^---[ \t]*(?:\r?\n|$)/gm },
  { format: 'yaml', open: /^---[ \t]*(\r?\n|$)/, close: /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/gm },
  { format: 'toml', open: /^\+\+\+[ \t]*(\r?\n|$)/, close: /^\+\+\+[ \t]*(?:\r?\n|$)/gm }
]

/**
 * Find the front-matter block at the very start of `text`: YAML between
 * `---` fences, TOML between `+++`, JSON between `---json` and `---`, or a
 * bare JSON object starting with `{` (as Hugo reads it). Blank lines before
 * an opening fence are skipped, as Hugo skips them (`start` is then past
 * them; `parseFrontmatter` warns).
 *
 * @param text
 *   Whole file.
 * @returns
 *   The block, or `undefined` when the file has none (a fence that is never
 *   closed is Markdown, such as a thematic break).
 */
export function findFrontmatter(text: string): Block | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0
  // Blank lines before the opening fence, as Hugo accepts them (a
  // warning, `frontmatter-blank-line`, says to remove them).
  const blank = /^(?:[ \t]*\r?\n)+(?=---|\+\+\+)/.exec(text.slice(bom))
  const start = bom + (blank ? blank[0].length : 0)
  const rest = text.slice(start)

  // Not `{{`: a Hugo shortcode (`{{< highlight >}}`) may open a file, a JSON object cannot.
  if (rest.startsWith('{') && !rest.startsWith('{{')) return jsonObject(text, start)

  for (const fence of fences) {
    const opening = fence.open.exec(rest)
    // An opening fence at the very end of the file has no closing fence.
    if (!opening?.[1]) continue
    const valueStart = start + opening[0].length
    fence.close.lastIndex = valueStart
    const closing = fence.close.exec(text)
    if (!closing) continue
    const fenceText = closing[0].replace(/\r?\n$/, '')
    return {
      format: fence.format,
      start,
      end: closing.index + fenceText.length,
      valueStart,
      valueEnd: closing.index,
      value: text.slice(valueStart, closing.index)
    }
  }

  return undefined
}

/** Whether `block` starts after blank lines (which Hugo reads past; most tools do not). */
export function afterBlankLines(text: string, block: Block): boolean {
  return block.start > (text.charCodeAt(0) === 0xfeff ? 1 : 0)
}

/**
 * The matters to give `remark-frontmatter` so that it recognizes every fenced
 * format this package reads: `unified().use(remarkFrontmatter, frontmatterMatters)`.
 */
export const frontmatterMatters: Array<
  'toml' | 'yaml' | { type: string; fence: { open: string; close: string } }
> = ['yaml', 'toml', { type: 'json', fence: { open: '---json', close: '---' } }]

/** A bare JSON object: it ends where the object closes. */
function jsonObject(text: string, start: number): Block {
  const root = parseTree(text.slice(start), [], { disallowComments: true })
  const end = root && root.type === 'object' ? start + root.offset + root.length : text.length
  return {
    format: 'json',
    start,
    end,
    valueStart: start,
    valueEnd: end,
    value: text.slice(start, end)
  }
}
