import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'

const attribute = /[ \t]*\{#([^\s{}]+)(?:[ \t]+[^{}]*)?\}[ \t]*$/

/**
 * Read Hugo/Pandoc heading attributes, `## Setup {#install}`: the id is kept
 * for the heading and the attribute removed from its text.
 *
 * @returns
 *   Transform.
 */
export function remarkGalleyHeadingIds(): (tree: Root) => undefined {
  return (tree) => {
    visit(tree, 'heading', (node) => {
      const last = node.children.at(-1)
      if (last?.type !== 'text' || !last.value.includes('{#')) return
      const match = attribute.exec(last.value)
      if (!match) return
      last.value = last.value.slice(0, match.index)
      if (last.value === '') node.children.pop()
      node.data = { ...node.data, hProperties: { ...node.data?.hProperties, id: match[1] } }
    })
    return undefined
  }
}
