import { VFile } from 'vfile'
import { guarded } from './formats/guard.js'
import { parseJson } from './formats/json.js'
import { parseToml } from './formats/toml.js'
import type { FormatParser, ParsedBlock } from './formats/types.js'
import { parseYaml } from './formats/yaml.js'
import { source } from './place.js'
import { afterBlankLines, type Block, type Format, findFrontmatter } from './split.js'
import { getParsed, setParsed } from './state.js'
import { refuseUnsafeKeys } from './unsafe-keys.js'

const parsers: Readonly<Record<Format, FormatParser>> = {
  json: guarded('json', parseJson),
  toml: guarded('toml', parseToml),
  yaml: guarded('yaml', parseYaml)
}

/**
 * Parse the front matter of `file` in place: YAML (`---`), TOML (`+++`),
 * JSON (`---json` … `---`, or a bare `{…}` object at the top).
 *
 * The text is never stripped or shifted: messages point at the real line and
 * column of the original file. Syntax errors become fatal messages on `file`
 * (`yaml-syntax`, `toml-syntax`, `json-syntax`); a block that is not a
 * mapping is fatal too (`not-a-mapping`), and so is a `__proto__`,
 * `constructor` or `prototype` key at any depth (`unsafe-key`; the key is
 * removed). Content problems never throw.
 *
 * @param file
 *   File to parse; its `value` is the whole Markdown document.
 * @returns
 *   The data (an empty object when there is none or it is invalid); also
 *   stored as `file.data.matter`.
 */
export function parseFrontmatter(file: VFile): Record<string, unknown> {
  const text = String(file.value ?? '')
  const block = findFrontmatter(text)
  if (block && afterBlankLines(text, block)) warnBlankLines(file, text, block)
  const parsed = block ? parsers[block.format](block, file) : undefined
  const data = parsed?.data ?? {}
  const clean = block && parsed?.data ? refuseUnsafeKeys(file, block, parsed, parsed.data) : true
  setParsed(file, { block, parsed, data, ok: clean && (!parsed || parsed.data !== undefined) })
  file.data.matter = data
  return data
}

/**
 * Parse a whole data file (an author in `authors/ann.yaml`) in place, as
 * `parseFrontmatter` parses a block: the data gets the same messages, at the
 * same real lines and columns, and `validateFrontmatter` and `locateValue`
 * work on it afterwards.
 *
 * @param file
 *   File whose whole `value` is YAML, TOML or JSON.
 * @param format
 *   Format of the file.
 * @returns
 *   The data (an empty object when it is invalid); also stored as
 *   `file.data.matter`.
 */
export function parseData(file: VFile, format: Format): Record<string, unknown> {
  const text = String(file.value ?? '')
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0
  const block = {
    format,
    start,
    end: text.length,
    valueStart: start,
    valueEnd: text.length,
    value: text.slice(start)
  }
  const parsed = parsers[format](block, file)
  const data = parsed.data ?? {}
  const clean = parsed.data ? refuseUnsafeKeys(file, block, parsed, parsed.data) : true
  setParsed(file, { block, parsed, data, ok: clean && parsed.data !== undefined })
  file.data.matter = data
  return data
}

/**
 * Let go of the syntax tree `parseFrontmatter` kept for `file` once its
 * messages are placed: `locateValue` (and a later validation) parse the
 * block again the first time they need a place. A site keeps thousands of
 * files, and the trees were most of the memory of their front matter.
 *
 * @param file
 *   File parsed by this package.
 */
export function releaseTree(file: VFile): void {
  const state = getParsed(file)
  const { block, parsed } = state ?? {}
  if (!state || !block || !parsed || released.has(parsed)) return
  let again: ParsedBlock | undefined
  const tree = (): ParsedBlock => {
    // Its syntax messages are the file's already: this copy's are dropped.
    again ??= parsers[block.format](block, new VFile({ path: file.path, value: file.value }))
    return again
  }
  const light: ParsedBlock = {
    data: parsed.data,
    locate: (path) => tree().locate(path),
    locateKey: (path) => tree().locateKey(path)
  }
  released.add(light)
  state.parsed = light
}

/** Parsed blocks that hold no tree (see `releaseTree`). */
const released = new WeakSet<ParsedBlock>()

/**
 * Warn about blank lines before the opening fence: Hugo reads the front
 * matter after them, most other tools (and GitHub's preview) do not.
 */
function warnBlankLines(file: VFile, text: string, block: Block): void {
  let line = 1
  for (
    let at = text.indexOf('\n');
    at !== -1 && at < block.start;
    at = text.indexOf('\n', at + 1)
  ) {
    line++
  }
  file.message(
    'Unexpected blank line before the front matter; remove it: Hugo reads front matter after blank lines, most other tools do not',
    {
      place: {
        start: { line: 1, column: 1, offset: 0 },
        end: { line, column: 1, offset: block.start }
      },
      ruleId: 'frontmatter-blank-line',
      source
    }
  )
}
