import {
  findNodeAtLocation,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode
} from 'jsonc-parser'
import { notAMapping, syntaxError } from '../place.js'
import type { FormatParser, Key, Located } from './types.js'

const reasons: Readonly<Record<string, string>> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: 'expected `:`',
  CommaExpected: 'expected `,`',
  CloseBraceExpected: 'expected `}`',
  CloseBracketExpected: 'expected `]`',
  EndOfFileExpected: 'expected the end of the object',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'unexpected end of comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'unexpected end of number',
  InvalidUnicode: 'invalid unicode escape',
  InvalidEscapeCharacter: 'invalid escape character',
  InvalidCharacter: 'invalid character'
}

/** JSON: between `---json` and `---`, or a bare object at the top of the file. */
export const parseJson: FormatParser = (block, file) => {
  const errors: ParseError[] = []
  const root = parseTree(block.value, errors, { disallowComments: true, allowTrailingComma: false })

  const locate = (path: ReadonlyArray<Key>): Located | undefined => {
    if (!root) return undefined
    for (let size = path.length; size >= 0; size--) {
      const prefix = path.slice(0, size)
      const node: Node | undefined = size === 0 ? root : findNodeAtLocation(root, [...prefix])
      if (node) return { path: prefix, range: [node.offset, node.offset + node.length] }
    }
    return undefined
  }

  const locateKey = (path: ReadonlyArray<Key>): [number, number] | undefined => {
    const node = root ? findNodeAtLocation(root, [...path]) : undefined
    const key = node?.parent?.type === 'property' ? node.parent.children?.[0] : undefined
    return key ? [key.offset, key.offset + key.length] : undefined
  }

  if (errors.length > 0) {
    for (const error of errors) {
      const code = printParseErrorCode(error.error)
      syntaxError(
        file,
        block,
        'json-syntax',
        `Cannot parse JSON front matter: ${reasons[code] ?? code}; fix the JSON syntax`,
        error.offset,
        error.offset + error.length
      )
    }
    return { data: undefined, locate, locateKey }
  }

  if (block.value.trim() === '') return { data: {}, locate, locateKey }

  // `JSON.parse` keeps the last of two equal keys; YAML refuses them, and so
  // does this: one of the two values is a mistake.
  const duplicates = duplicateKeys(root)
  for (const key of duplicates) {
    syntaxError(
      file,
      block,
      'json-syntax',
      `Cannot parse JSON front matter: duplicate key \`${key.value}\`; remove one of the two`,
      key.offset,
      key.offset + key.length
    )
  }
  if (duplicates.length > 0) return { data: undefined, locate, locateKey }

  if (root?.type !== 'object') {
    const from = root?.offset ?? 0
    const to = root ? root.offset + root.length : block.value.length
    notAMapping(
      file,
      block,
      'Unexpected front matter that is not a JSON object, expected `{ "key": value }`',
      from,
      to
    )
    return { data: undefined, locate, locateKey }
  }

  return { data: JSON.parse(block.value) as Record<string, unknown>, locate, locateKey }
}

/** The second and later keys of every object that names a key again. */
function duplicateKeys(
  root: Node | undefined
): Array<{ value: string; offset: number; length: number }> {
  const found: Array<{ value: string; offset: number; length: number }> = []
  const stack = root ? [root] : []
  for (let node = stack.pop(); node; node = stack.pop()) {
    const seen = new Set<unknown>()
    for (const child of node.children ?? []) {
      if (node.type === 'object' && child.type === 'property') {
        const key = child.children?.[0]
        if (key && seen.has(key.value)) {
          found.push({ value: String(key.value), offset: key.offset, length: key.length })
        }
        seen.add(key?.value)
      }
      stack.push(child)
    }
  }
  return found.sort((a, b) => a.offset - b.offset)
}
