import type { Root } from 'mdast'
import type { Position } from 'unist'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

/** A reference definition no reference uses: `[x]: https://example.com`. */
export interface Definition {
  url: string
  place: Position | undefined
}

/**
 * Record reference definitions that no link or image uses, so their URLs are
 * checked too (used ones are checked where they are used). Use it in the
 * remark stage; `rehypeGalleyLinks` adds what it recorded.
 *
 * @returns
 *   Transform.
 */
export function remarkGalleyDefinitions(): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    const used = new Set<string>()
    const definitions: Array<Definition & { identifier: string }> = []
    visit(tree, (node) => {
      if (node.type === 'linkReference' || node.type === 'imageReference') used.add(node.identifier)
      if (node.type === 'definition') {
        definitions.push({ identifier: node.identifier, url: node.url, place: node.position })
      }
    })
    file.data.galleyDefinitions = definitions
      .filter((definition) => !used.has(definition.identifier))
      .map(({ url, place }) => ({ url, place }))
    return undefined
  }
}
