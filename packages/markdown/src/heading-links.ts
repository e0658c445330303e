import type { Element, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { eachElement } from './walk.js'

const rank = /^h[1-6]$/

/**
 * Follow each heading that has an `id` with an anchor link, for readers to
 * copy a link to the section, as Starlight does: the heading and the link
 * share a `<div class="heading-wrapper">`, and the link,
 * `<a class="heading-anchor" href="#id" aria-label="Section titled “Title”">`,
 * shows a `#` hidden from screen readers. The link stays out of the heading,
 * so the heading's accessible name is its text alone. Headings that hold a
 * link are left as they are.
 *
 * @returns
 *   Transform.
 */
export function rehypeGalleyHeadingLinks(): (tree: Root) => undefined {
  return (tree) => {
    const parents: Array<Root | Element> = [tree]
    eachElement(tree, (element) => {
      if (rank.test(element.tagName)) return false
      if (element.tagName !== 'pre') parents.push(element)
      return undefined
    })
    for (const parent of parents) {
      for (let index = 0; index < parent.children.length; index++) {
        const child = parent.children[index]
        if (child?.type !== 'element' || !rank.test(child.tagName)) continue
        const id = child.properties.id
        if (typeof id !== 'string' || id === '' || holdsLink(child)) continue
        // own-key: `index` is an index.
        parent.children[index] = wrap(child, id)
      }
    }
    return undefined
  }
}

function wrap(heading: Element, id: string): Element {
  return {
    type: 'element',
    tagName: 'div',
    properties: { className: ['heading-wrapper', `level-${heading.tagName}`] },
    children: [
      heading,
      {
        type: 'element',
        tagName: 'a',
        properties: {
          className: ['heading-anchor'],
          href: `#${id}`,
          ariaLabel: `Section titled “${hastToString(heading).trim()}”`
        },
        children: [
          {
            type: 'element',
            tagName: 'span',
            properties: { ariaHidden: 'true' },
            children: [{ type: 'text', value: '#' }]
          }
        ]
      }
    ],
    ...(heading.position ? { position: heading.position } : {})
  }
}

function holdsLink(heading: Element): boolean {
  let found = false
  eachElement(heading, (element) => {
    if (element.tagName === 'a') found = true
    return found ? false : undefined
  })
  return found
}
