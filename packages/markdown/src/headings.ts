import GithubSlugger from 'github-slugger'
import type { Element, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import type { VFile } from 'vfile'
import { eachElement } from './walk.js'

/** A heading of a rendered document. */
export interface Heading {
  /** Rank, `1` for `<h1>` to `6` for `<h6>`. */
  depth: 1 | 2 | 3 | 4 | 5 | 6
  /** The `id` the heading has in the HTML. */
  id: string
  /** Plain text of the heading. */
  text: string
}

const rank = /^h([1-6])$/

/**
 * Give every heading an `id` with GitHub's algorithm (github-slugger:
 * duplicates get `-1`, `-2`, …), keep ids that are already there, and list
 * the headings in `file.data.galleyHeadings`.
 *
 * @returns
 *   Transform.
 */
export function rehypeGalleyHeadings(): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    const slugger = new GithubSlugger()
    const found: Array<{ node: Element; depth: Heading['depth'] }> = []

    // One pass: ids already in the document are taken first, so generated
    // ones never clash with them; headings are gathered on the way.
    eachElement(tree, (node) => {
      if (typeof node.properties.id === 'string') slugger.slug(node.properties.id, true)
      const match = rank.exec(node.tagName)
      if (match) found.push({ node, depth: Number(match[1]) as Heading['depth'] })
      return undefined
    })

    const headings = found.map(({ node, depth }) => {
      const text = hastToString(node).trim()
      let id = node.properties.id
      if (typeof id !== 'string' || id === '') {
        // A heading with no letter or digit (`# !!!`) is `heading`, as in
        // Hugo (goldmark): an empty `id` is not valid HTML.
        id = slugger.slug(text)
        if (id === '' || /^-\d+$/.test(id)) id = slugger.slug('heading')
        node.properties.id = id
      }
      return { depth, id, text }
    })

    file.data.galleyHeadings = headings
    return undefined
  }
}
