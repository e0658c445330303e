import type { VFile } from 'vfile'
import { syntaxError } from '../place.js'
import type { Block, Format } from '../split.js'
import type { FormatParser, ParsedBlock } from './types.js'

const names: Readonly<Record<Format, string>> = { json: 'JSON', toml: 'TOML', yaml: 'YAML' }

/**
 * A format's parser that never throws: hostile front matter (a YAML alias
 * bomb, a key or value so long or nested so deep that the parser runs out
 * of stack) becomes a fatal `<format>-syntax` message at the block, and the
 * rest of the batch goes on.
 *
 * @param format
 *   Format the parser reads.
 * @param parser
 *   The parser.
 * @returns
 *   The same parser, guarded.
 */
export function guarded(format: Format, parser: FormatParser): FormatParser {
  return (block: Block, file: VFile): ParsedBlock => {
    try {
      return parser(block, file)
    } catch (error) {
      syntaxError(file, block, `${format}-syntax`, reasonOf(format, error), 0, 1)
      return { data: undefined, locate: () => undefined, locateKey: () => undefined }
    }
  }
}

/** What to tell the writer about a parser that gave up. */
function reasonOf(format: Format, error: unknown): string {
  const name = names[format]
  const text = error instanceof Error ? error.message : String(error)
  if (/alias/i.test(text)) {
    return `Cannot parse ${name} front matter: its aliases expand too far (${text.replace(/\.$/, '')}); write the values out, or use fewer \`*aliases\``
  }
  if (error instanceof RangeError) {
    return `Cannot parse ${name} front matter: a key or value is too long or nests too deep for the parser; shorten it, or move long text into the body`
  }
  return `Cannot parse ${name} front matter: ${text.split('\n')[0]}; fix the ${name} syntax`
}
