import type { Element } from 'xast'
import { x } from 'xastscript'
import type { WriteOptions } from './memo.js'
import type { Feed, Person } from './model.js'
import { type PreparedItem, prepare } from './prepare.js'
import { clean, rfc822, serialize } from './xml.js'

const namespaces = {
  atom: 'http://www.w3.org/2005/Atom',
  content: 'http://purl.org/rss/1.0/modules/content/',
  dc: 'http://purl.org/dc/elements/1.1/'
}

/**
 * Write a feed as RSS 2.0: built as an XML syntax tree (xastscript) and
 * serialized by xast-util-to-xml, so escaping is correct by construction;
 * characters XML forbids are removed from every field; namespaces are
 * declared exactly when used; no clock is read.
 *
 * @param feed
 *   Feed model; an invalid one throws one `TypeError` listing every problem.
 * @param options
 *   `memo`, to share cleaned content with other writes (optional).
 * @returns
 *   The RSS document.
 */
export function rss(feed: Readonly<Feed>, options?: Readonly<WriteOptions> | null): string {
  const data = prepare(feed, options?.memo)
  const items = data.items.map((item) =>
    toItem(item, item.authors.length > 0 ? item.authors : data.authors)
  )
  const used = (prefix: string) => items.some((item) => uses(item, prefix))

  const channel = x('channel', [
    x('title', clean(data.title)),
    x('link', data.site),
    x('description', clean(data.description)),
    data.language ? x('language', data.language) : undefined,
    data.updated ? x('lastBuildDate', rfc822(data.updated)) : undefined,
    x('generator', 'Galley'),
    data.ttl ? x('ttl', String(data.ttl)) : undefined,
    data.image
      ? x('image', [x('url', data.image), x('title', clean(data.title)), x('link', data.site)])
      : undefined,
    x('atom:link', { href: data.feedUrl, rel: 'self', type: 'application/rss+xml' }),
    ...items
  ])

  return serialize(
    x(
      'rss',
      {
        version: '2.0',
        'xmlns:atom': namespaces.atom,
        'xmlns:content': used('content:') ? namespaces.content : undefined,
        'xmlns:dc': used('dc:') ? namespaces.dc : undefined
      },
      [channel]
    ),
    data.stylesheet
  )
}

function toItem(item: PreparedItem, authors: ReadonlyArray<Person>): Element {
  // RSS `<author>` must be an email address; people without one are `dc:creator`.
  const withEmail = authors.filter((person) => person.email)
  const withoutEmail = authors.filter((person) => !person.email)
  return x('item', [
    item.title === undefined ? undefined : x('title', clean(item.title)),
    x('link', item.url),
    x('guid', { isPermaLink: item.id === item.url ? 'true' : 'false' }, clean(item.id)),
    x('pubDate', rfc822(item.published)),
    ...withEmail.map((person) => x('author', clean(`${person.email} (${person.name})`))),
    ...withoutEmail.map((person) => x('dc:creator', clean(person.name))),
    item.summary === undefined ? undefined : x('description', clean(item.summary)),
    item.contentHtml === undefined ? undefined : x('content:encoded', clean(item.contentHtml)),
    ...item.categories.map((category) => x('category', clean(category))),
    ...item.enclosures.map((enclosure) =>
      x('enclosure', { url: enclosure.url, type: enclosure.type, length: String(enclosure.length) })
    )
  ])
}

function uses(node: Element, prefix: string): boolean {
  return (
    node.name.startsWith(prefix) ||
    node.children.some((child) => child.type === 'element' && uses(child, prefix))
  )
}
