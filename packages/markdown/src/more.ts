import type { Root } from 'mdast'
import type { VFile } from 'vfile'

const more = /^<!--\s*more\s*-->$/i

/**
 * Find the `<!--more-->` summary divider (as Hugo and WordPress write it) at
 * the top level of the document and remember where it is, before raw HTML
 * might be dropped.
 *
 * @returns
 *   Transform.
 */
export function remarkGalleyMore(): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    const divider = tree.children.find(
      (node) => node.type === 'html' && more.test(node.value.trim())
    )
    const offset = divider?.position?.start.offset
    if (offset !== undefined) file.data.galleyMore = offset
    return undefined
  }
}
