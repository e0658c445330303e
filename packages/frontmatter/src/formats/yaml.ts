import { type Document, isMap, isNode, isScalar, parseDocument, visit } from 'yaml'
import { firstLine, notAMapping, syntaxError } from '../place.js'
import type { FormatParser, Key, Located } from './types.js'

/** YAML between `---` fences, with the `yaml` package's ranges for every node. */
export const parseYaml: FormatParser = (block, file) => {
  const document = parseDocument(block.value, { prettyErrors: false, uniqueKeys: true })

  const locate = (path: ReadonlyArray<Key>): Located | undefined => {
    for (let size = path.length; size >= 0; size--) {
      const prefix = path.slice(0, size)
      const node: unknown = size === 0 ? document.contents : document.getIn(prefix, true)
      if (isNode(node) && node.range) {
        const [from, to] = node.range
        // Collections end after their last line break; stop at their last character.
        return { path: prefix, range: [from, from + block.value.slice(from, to).trimEnd().length] }
      }
    }
    return undefined
  }

  const locateKey = (path: ReadonlyArray<Key>): [number, number] | undefined => {
    const parent: unknown =
      path.length > 1 ? document.getIn(path.slice(0, -1), true) : document.contents
    if (!isMap(parent)) return undefined
    const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === path.at(-1))
    return isScalar(pair?.key) && pair.key.range
      ? [pair.key.range[0], pair.key.range[1]]
      : undefined
  }

  if (document.errors.length > 0) {
    for (const error of document.errors) {
      // An unclosed quote or bracket is found at the end of the block, but
      // is fixed where it opens: the message is placed there.
      const opened = unclosedAt(document, block.value, error.code, error.pos[0])
      syntaxError(
        file,
        block,
        'yaml-syntax',
        opened === undefined
          ? `Cannot parse YAML front matter: ${firstLine(error.message)}; fix the YAML syntax`
          : `Cannot parse YAML front matter: ${firstLine(error.message)}; close the \`${block.value.charAt(opened)}\` opened here`,
        opened ?? error.pos[0],
        opened === undefined ? error.pos[1] : opened + 1
      )
    }
    return { data: undefined, locate, locateKey }
  }

  const contents = document.contents
  if (contents === null) return { data: {}, locate, locateKey }
  if (!isMap(contents)) {
    const [from, to] = contents.range ?? [0, block.value.length]
    notAMapping(
      file,
      block,
      'Unexpected front matter that is not a mapping, expected `key: value` lines',
      from,
      to
    )
    return { data: undefined, locate, locateKey }
  }

  return { data: document.toJS() as Record<string, unknown>, locate, locateKey }
}

/** What opens what each unclosed-token error is about. */
const openers: Readonly<Record<string, string>> = {
  MISSING_CHAR: '"\'',
  BAD_INDENT: '[{'
}

/**
 * Where the quote or flow bracket opens that an error at `pos` (its end)
 * says is not closed: the innermost node ending there whose first
 * character is one, or `undefined`.
 */
function unclosedAt(
  document: Document.Parsed,
  value: string,
  code: string,
  pos: number
): number | undefined {
  const chars = openers[code]
  if (!chars) return undefined
  let found: number | undefined
  visit(document, (_key, node) => {
    if (!isNode(node) || !node.range) return
    const [from, to] = node.range
    if (from < pos && to >= pos && chars.includes(value.charAt(from))) {
      if (found === undefined || from > found) found = from
    }
  })
  return found
}
