import type { Root } from 'hast'
import { raw } from 'hast-util-raw'
import type { VFile } from 'vfile'

/**
 * Parse raw HTML from the Markdown into real elements, so its ids and links
 * are seen like Markdown's — but only when the document has raw HTML:
 * re-parsing a whole tree costs as much as rendering it.
 *
 * @returns
 *   Transform.
 */
export function rehypeGalleyRaw(): (tree: Root, file: VFile) => Root {
  return (tree, file) => (hasRaw(tree) ? (raw(tree, { file }) as Root) : tree)
}

function hasRaw(node: { type: string; children?: ReadonlyArray<unknown> }): boolean {
  if (node.type === 'raw') return true
  const children = node.children as
    | ReadonlyArray<{ type: string; children?: ReadonlyArray<unknown> }>
    | undefined
  return children ? children.some(hasRaw) : false
}
