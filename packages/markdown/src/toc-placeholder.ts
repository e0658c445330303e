import type { Element, ElementContent, Root } from 'hast'
import type { VFile } from 'vfile'
import type { Heading } from './headings.js'
import type { TocOptions } from './options.js'
import { type TocEntry, toToc } from './toc.js'

const marker = /^\s*\[\[toc\]\]\s*$/i

/**
 * Put a table of contents where a paragraph is just `[[toc]]` (as in
 * VitePress and markdown-it): `<nav class="toc" aria-label="Table of
 * contents">` with a nested list of links to the headings from `minDepth`
 * to `maxDepth`. Runs after heading ids are set.
 *
 * @param options
 *   Configuration.
 * @returns
 *   Transform.
 */
export function rehypeGalleyTocPlaceholder(
  options: Readonly<TocOptions>
): (tree: Root, file: VFile) => undefined {
  const min = options.minDepth ?? 2
  const max = options.maxDepth ?? 3
  return (tree, file) => {
    const headings = (file.data.galleyHeadings ?? []).filter(
      (heading: Heading) => heading.depth >= min && heading.depth <= max
    )
    const toc = toToc(headings)
    tree.children = tree.children.map((child) => {
      if (child.type !== 'element' || child.tagName !== 'p') return child
      const only = child.children.length === 1 ? child.children[0] : undefined
      if (only?.type !== 'text' || !marker.test(only.value)) return child
      const nav: Element = {
        type: 'element',
        tagName: 'nav',
        properties: { className: ['toc'], ariaLabel: 'Table of contents' },
        children: toc.length > 0 ? [list(toc)] : [],
        ...(child.position ? { position: child.position } : {})
      }
      return nav
    })
    return undefined
  }
}

function list(entries: ReadonlyArray<TocEntry>): Element {
  return {
    type: 'element',
    tagName: 'ol',
    properties: {},
    children: entries.map((entry): ElementContent => {
      const link: Element = {
        type: 'element',
        tagName: 'a',
        properties: { href: `#${entry.id}` },
        children: [{ type: 'text', value: entry.text }]
      }
      return {
        type: 'element',
        tagName: 'li',
        properties: {},
        children: entry.children.length > 0 ? [link, list(entry.children)] : [link]
      }
    })
  }
}
