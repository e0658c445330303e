import type { Definition as DefinitionNode, ImageReference, LinkReference, Root } from 'mdast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { eachNode } from './walk.js'

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
    eachNode(tree, (node) => {
      if (node.type === 'linkReference' || node.type === 'imageReference') {
        used.add((node as LinkReference | ImageReference).identifier)
      } else if (node.type === 'definition') {
        const { identifier, url, position } = node as DefinitionNode
        definitions.push({ identifier, url, place: position })
      }
    })
    file.data.galleyDefinitions = definitions
      .filter((definition) => !used.has(definition.identifier))
      .map(({ url, place }) => ({ url, place }))
    return undefined
  }
}
