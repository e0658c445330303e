import type { Element } from 'xast'
import { x } from 'xastscript'
import type { WriteOptions } from './memo.js'
import type { Feed, Person } from './model.js'
import { type PreparedItem, prepare } from './prepare.js'
import { clean, rfc3339, serialize } from './xml.js'

/**
 * Write a feed as Atom 1.0 (RFC 4287), escaped by construction, with
 * `rel="self"` and `rel="alternate"` links and RFC 3339 dates. Atom needs an
 * author for every entry: when neither the feed nor an entry names one, the
 * feed's title stands in at feed level.
 *
 * @param feed
 *   Feed model; an invalid one throws one `TypeError` listing every problem.
 * @param options
 *   `memo`, to share cleaned content with other writes (optional).
 * @returns
 *   The Atom document.
 */
export function atom(feed: Readonly<Feed>, options?: Readonly<WriteOptions> | null): string {
  const data = prepare(feed, options?.memo)
  const everyEntryHasAuthor =
    data.items.length > 0 && data.items.every((item) => item.authors.length > 0)
  const feedAuthors =
    data.authors.length > 0 || everyEntryHasAuthor ? data.authors : [{ name: data.title }]

  const root = x('feed', { xmlns: 'http://www.w3.org/2005/Atom', 'xml:lang': data.language }, [
    x('id', data.feedUrl),
    x('title', clean(data.title)),
    x('subtitle', clean(data.description)),
    x('updated', rfc3339(data.updated ?? new Date(0))),
    x('link', { rel: 'self', type: 'application/atom+xml', href: data.feedUrl }),
    x('link', { rel: 'alternate', type: 'text/html', href: data.site }),
    ...feedAuthors.map(toPerson),
    x('generator', 'Galley'),
    data.image ? x('icon', data.image) : undefined,
    ...data.items.map(toEntry)
  ])

  return serialize(root, data.stylesheet)
}

function toEntry(item: PreparedItem): Element {
  return x('entry', [
    x('id', clean(item.id)),
    x('title', clean(item.title ?? item.summary ?? '')),
    x('link', { rel: 'alternate', type: 'text/html', href: item.url }),
    x('published', rfc3339(item.published)),
    x('updated', rfc3339(item.updated)),
    ...item.authors.map(toPerson),
    item.summary === undefined ? undefined : x('summary', { type: 'text' }, clean(item.summary)),
    item.contentHtml === undefined
      ? undefined
      : x('content', { type: 'html' }, clean(item.contentHtml)),
    ...item.categories.map((term) => x('category', { term: clean(term) })),
    ...item.enclosures.map((enclosure) =>
      x('link', {
        rel: 'enclosure',
        href: enclosure.url,
        type: enclosure.type,
        length: String(enclosure.length)
      })
    )
  ])
}

function toPerson(person: Person): Element {
  return x('author', [
    x('name', clean(person.name)),
    person.email ? x('email', clean(person.email)) : undefined,
    person.url ? x('uri', new URL(person.url).href) : undefined
  ])
}
