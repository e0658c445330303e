import type { VFile } from 'vfile'
import { isMap, parseDocument } from 'yaml'
import { toPosition } from './place.js'
import { findBlock } from './split.js'
import { setParsed } from './state.js'

export const source = '@galley/frontmatter'

/**
 * Parse the YAML front matter of `file` in place.
 *
 * The text is never stripped or shifted: messages point at the real line and
 * column of the original file. YAML errors become fatal messages on `file`
 * (rule `yaml-syntax`); a block that is not a mapping is fatal too (rule
 * `not-a-mapping`). The data is also stored as `file.data.matter`.
 *
 * @param file
 *   File to parse; its `value` is the whole Markdown document.
 * @returns
 *   The front matter data (an empty object when there is none or it is invalid).
 */
export function parseFrontmatter(file: VFile): Record<string, unknown> {
  const text = String(file.value ?? '')
  const block = findBlock(text)
  let data: Record<string, unknown> = {}
  let ok = true

  if (!block) {
    setParsed(file, { block, document: undefined, data, ok })
    file.data.matter = data
    return data
  }

  const document = parseDocument(block.value, { prettyErrors: false, uniqueKeys: true })

  for (const error of document.errors) {
    // An error found at the end of the block (an unclosed `[`) is placed on its last character.
    const last = block.value.trimEnd().length
    const from = Math.min(error.pos[0], Math.max(0, last - 1))
    const to = Math.max(from, Math.min(error.pos[1], last))
    const message = file.message(
      `Cannot parse front matter: ${firstLine(error.message)}; fix the YAML syntax`,
      {
        place: toPosition(file, block.valueStart + from, block.valueStart + to),
        ruleId: 'yaml-syntax',
        source
      }
    )
    message.fatal = true
    ok = false
  }

  if (ok && document.contents !== null && !isMap(document.contents)) {
    const range = document.contents.range ?? [0, block.value.length]
    const message = file.message(
      'Unexpected front matter that is not a mapping, expected `key: value` lines',
      {
        place: toPosition(file, block.valueStart + range[0], block.valueStart + range[1]),
        ruleId: 'not-a-mapping',
        source
      }
    )
    message.fatal = true
    ok = false
  }

  if (ok) {
    const value: unknown = document.toJS()
    if (value && typeof value === 'object') data = value as Record<string, unknown>
  }

  setParsed(file, { block, document, data, ok })
  file.data.matter = data
  return data
}

function firstLine(value: string): string {
  return (value.split('\n')[0] ?? value).replace(/\.$/, '')
}
