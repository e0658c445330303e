import { toXml } from 'xast-util-to-xml'
import { x } from 'xastscript'
import { compareText } from './compare.js'

/**
 * A `sitemap.xml` (sitemaps.org 0.9) of absolute URLs, with `lastmod` where
 * known. Sorted by URL, so the same site gives the same file.
 *
 * @param entries
 *   URLs and their last change.
 * @returns
 *   The document.
 */
export function sitemap(
  entries: ReadonlyArray<{ url: string; lastmod?: Date | undefined }>
): string {
  const sorted = [...entries].sort((a, b) => compareText(a.url, b.url))
  const tree = x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
    x(
      'urlset',
      { xmlns: 'http://www.sitemaps.org/schemas/sitemap/0.9' },
      sorted.map((entry) =>
        x('url', [
          x('loc', entry.url),
          entry.lastmod ? x('lastmod', entry.lastmod.toISOString().slice(0, 10)) : undefined
        ])
      )
    )
  ])
  return `${toXml(tree)}\n`
}
