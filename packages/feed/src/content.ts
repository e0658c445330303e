import type { Element, Root } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'

const urlAttributes = ['href', 'src', 'poster', 'cite', 'action', 'data'] as const
const unsafeElements = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset'])

/**
 * Prepare an item's HTML for a feed: parse it (never regexes), make every URL
 * absolute against the item's URL (`href`, `src`, `srcset`, `poster`, …; code
 * blocks are left as they are), and remove `<script>`, `<iframe>` and event
 * handler attributes unless `unsafe`.
 *
 * @param html
 *   Content.
 * @param base
 *   The item's URL.
 * @param unsafe
 *   Keep scripts and event handlers.
 * @returns
 *   HTML for the feed.
 */
export function feedContent(html: string, base: URL, unsafe: boolean): string {
  const tree = fromHtml(html, { fragment: true })
  walk(tree, base, unsafe)
  return toHtml(tree)
}

function walk(parent: Root | Element, base: URL, unsafe: boolean): void {
  parent.children = parent.children.filter((child) => {
    if (child.type !== 'element') return true
    if (!unsafe && unsafeElements.has(child.tagName)) return false
    if (!unsafe) {
      for (const key of Object.keys(child.properties)) {
        if (/^on[a-z]/i.test(key)) delete child.properties[key]
      }
    }
    for (const attribute of urlAttributes) {
      const value = child.properties[attribute]
      if (typeof value === 'string') child.properties[attribute] = absolute(value, base, unsafe)
    }
    const srcset = child.properties.srcSet
    if (srcset !== undefined && srcset !== null) {
      const items = Array.isArray(srcset) ? srcset.map(String) : String(srcset).split(/,\s+/)
      child.properties.srcSet = items
        .map((item) => {
          const [url = '', ...rest] = item.trim().split(/\s+/)
          return [absolute(url, base, unsafe), ...rest].join(' ')
        })
        .join(', ')
    }
    // Code is shown as written: nothing inside `<pre>` changes.
    if (child.tagName !== 'pre') walk(child, base, unsafe)
    return true
  })
}

function absolute(value: string, base: URL, unsafe: boolean): string {
  if (!unsafe && /^\s*javascript:/i.test(value)) return '#'
  try {
    return new URL(value, base).href
  } catch {
    return value
  }
}
