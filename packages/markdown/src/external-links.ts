import type { Root } from 'hast'
import { visit } from 'unist-util-visit'
import type { ExternalLinksOptions } from './options.js'

/**
 * Add `rel` (and `target`) to links to other origins.
 *
 * @param options
 *   Configuration.
 * @returns
 *   Transform.
 */
export function rehypeGalleyExternalLinks(
  options: Readonly<ExternalLinksOptions>
): (tree: Root) => undefined {
  const site = toSite(options.site)
  const rel =
    options.rel === undefined || options.rel === null
      ? ['noopener', 'noreferrer']
      : typeof options.rel === 'string'
        ? options.rel.split(/\s+/).filter(Boolean)
        : [...options.rel]
  return (tree) => {
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'a' || typeof node.properties.href !== 'string') return
      let url: URL
      try {
        url = new URL(node.properties.href)
      } catch {
        return // Relative: same site.
      }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === site?.origin)
        return
      const existing = Array.isArray(node.properties.rel) ? node.properties.rel.map(String) : []
      node.properties.rel = [...new Set([...existing, ...rel])]
      if (options.target) node.properties.target = options.target
    })
    return undefined
  }
}

function toSite(site: string | URL | null | undefined): URL | undefined {
  if (site === undefined || site === null) return undefined
  try {
    return new URL(site)
  } catch {
    throw new TypeError(
      `Expected \`externalLinks.site\` to be an absolute URL, not \`${String(site)}\``
    )
  }
}
