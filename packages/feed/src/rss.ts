import type { Element } from 'xast'
import { toXml } from 'xast-util-to-xml'
import { x } from 'xastscript'
import type { Feed, FeedItem } from './model.js'
import { assertFeed } from './validate.js'
import { clean, rfc822 } from './xml.js'

const atomNs = 'http://www.w3.org/2005/Atom'
const contentNs = 'http://purl.org/rss/1.0/modules/content/'
const dcNs = 'http://purl.org/dc/elements/1.1/'

/**
 * Write a feed as RSS 2.0. The XML is built as a syntax tree and serialized
 * by xast-util-to-xml, so escaping is correct by construction; characters XML
 * forbids are removed from every field. The same input always gives the same
 * output (no clock is read).
 *
 * @param feed
 *   Feed model; an invalid one throws a `TypeError` listing every problem.
 * @returns
 *   The RSS document.
 */
export function rss(feed: Readonly<Feed>): string {
  assertFeed(feed)
  const site = new URL(feed.site)
  const hasContent = feed.items.some((item) => item.contentHtml !== undefined)
  const hasCreator = feed.author !== undefined
  const updated = feed.updated ?? newest(feed.items)

  const channel = x('channel', [
    x('title', clean(feed.title)),
    x('link', site.href),
    x('description', clean(feed.description ?? feed.title)),
    feed.language ? x('language', clean(feed.language)) : undefined,
    updated ? x('lastBuildDate', rfc822(updated)) : undefined,
    x('generator', 'Galley'),
    x('atom:link', { href: new URL(feed.feedUrl).href, rel: 'self', type: 'application/rss+xml' }),
    ...feed.items.map((item) => toItem(item, site, feed.author?.name))
  ])

  const tree = x(null, [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' },
    x(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': atomNs,
        'xmlns:content': hasContent ? contentNs : undefined,
        'xmlns:dc': hasCreator ? dcNs : undefined
      },
      [channel]
    )
  ])

  return `${toXml(tree)}\n`
}

function toItem(item: FeedItem, site: URL, creator: string | undefined): Element {
  const url = new URL(item.url, site).href
  return x('item', [
    x('title', clean(item.title)),
    x('link', url),
    x('guid', { isPermaLink: 'true' }, url),
    x('pubDate', rfc822(item.published)),
    creator ? x('dc:creator', clean(creator)) : undefined,
    item.summary ? x('description', clean(item.summary)) : undefined,
    item.contentHtml === undefined ? undefined : x('content:encoded', clean(item.contentHtml)),
    ...(item.categories ?? []).map((category) => x('category', clean(category)))
  ])
}

function newest(items: ReadonlyArray<FeedItem>): Date | undefined {
  let latest: Date | undefined
  for (const item of items) {
    const date = item.updated ?? item.published
    if (!latest || date.getTime() > latest.getTime()) latest = date
  }
  return latest
}
