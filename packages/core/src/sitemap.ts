import { toXml } from 'xast-util-to-xml'
import { x } from 'xastscript'
import { compareText } from './compare.js'

/**
 * A `sitemap.xml` (sitemaps.org 0.9) of absolute URLs, with `lastmod` where
 * known: the day (`2018-04-23`) for a date at midnight UTC, else the exact
 * instant (`2018-04-22T22:00:00Z`: midnight in Berlin, or a commit's time),
 * never a day off. Sorted by URL, so the same site gives the same file.
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
          entry.lastmod ? x('lastmod', w3cDate(entry.lastmod)) : undefined
        ])
      )
    )
  ])
  return `${toXml(tree)}\n`
}

/** A W3C date: the day alone at midnight UTC, else the instant to the second. */
function w3cDate(date: Date): string {
  const text = date.toISOString()
  return text.endsWith('T00:00:00.000Z') ? text.slice(0, 10) : `${text.slice(0, 19)}Z`
}
