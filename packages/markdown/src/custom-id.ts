import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { parsedText } from './text.js'

const attribute = /[ \t]*\{#([^\s{}]+)(?:[ \t]+[^{}]*)?\}[ \t]*$/

/**
 * Read Hugo/Pandoc heading attributes, `## Setup {#install}`: the id is kept
 * for the heading and the attribute removed from its text.
 *
 * @returns
 *   Transform.
 */
export function remarkGalleyHeadingIds(): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    // `{#` reaches a heading's text only as written, escaped (`{\#`) or as
    // a character reference (`&#123;#`): without those, there is none.
    const text = parsedText(tree, file)
    if (
      text !== undefined &&
      !text.includes('{#') &&
      !text.includes('{\\') &&
      !text.includes('&')
    ) {
      return undefined
    }
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
