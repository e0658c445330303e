import type { Node } from 'unist'
import type { VFile } from 'vfile'

/**
 * The text `tree` was parsed from, when `file` holds it (the tree spans it
 * all); else `undefined`. A plugin that runs before any of the user's
 * (`remarkPlugins`) sees only nodes made from this text, so when the text
 * cannot hold what it looks for, it need not walk the tree.
 *
 * @param tree
 *   Tree, as parsed.
 * @param file
 *   File it was parsed from.
 * @returns
 *   The text, or `undefined` when the tree may not be its own.
 */
export function parsedText(tree: Node, file: VFile): string | undefined {
  const text = file.value
  return typeof text === 'string' && tree.position?.end.offset === text.length ? text : undefined
}
