import { htmlCharacters } from '@galley/markdown'
import type { Root } from 'hast'
import { toHtml } from 'hast-util-to-html'
import type { Raw } from 'mdast-util-to-hast'

/**
 * A node that inserts HTML as is: for a post's rendered body inside a
 * layout. Never pass it text from outside the pipeline.
 *
 * @param html
 *   HTML.
 * @returns
 *   hast `raw` node.
 */
export function raw(html: string): Raw {
  return { type: 'raw', value: html }
}

/**
 * Serialize a layout's tree; text is escaped, `raw` nodes are kept, and
 * characters an HTML document may not hold (controls, noncharacters, lone
 * surrogates: a title pasted with a stray U+0007) become U+FFFD.
 *
 * @param tree
 *   Tree from a layout.
 * @returns
 *   HTML document.
 */
export function serialize(tree: Root): string {
  return `${htmlCharacters(toHtml(tree, { allowDangerousHtml: true, upperDoctype: true }))}\n`
}
