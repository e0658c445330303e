import type { WriteOptions } from './memo.js'
import type { Feed, Person } from './model.js'
import { prepare } from './prepare.js'
import { clean, rfc3339 } from './xml.js'

/**
 * Write a feed as JSON Feed 1.1, with RFC 3339 dates. Every item has
 * `content_html` or (without content) `content_text`, as the spec requires.
 *
 * @param feed
 *   Feed model; an invalid one throws one `TypeError` listing every problem.
 * @param options
 *   `memo`, to share cleaned content with other writes (optional).
 * @returns
 *   The JSON Feed document, pretty-printed, ending in a line feed.
 */
export function jsonFeed(feed: Readonly<Feed>, options?: Readonly<WriteOptions> | null): string {
  const data = prepare(feed, options?.memo)
  const document = {
    version: 'https://jsonfeed.org/version/1.1',
    title: clean(data.title),
    home_page_url: data.site,
    feed_url: data.feedUrl,
    description: clean(data.description),
    icon: data.image,
    language: data.language,
    authors: people(data.authors),
    items: data.items.map((item) => ({
      id: clean(item.id),
      url: item.url,
      title: item.title === undefined ? undefined : clean(item.title),
      ...(item.contentHtml === undefined
        ? { content_text: clean(item.summary ?? item.title ?? '') }
        : { content_html: clean(item.contentHtml) }),
      summary: item.summary === undefined ? undefined : clean(item.summary),
      image: item.image,
      date_published: rfc3339(item.published),
      date_modified: rfc3339(item.updated),
      authors: people(item.authors),
      tags: item.categories.length > 0 ? item.categories.map(clean) : undefined,
      attachments:
        item.enclosures.length > 0
          ? item.enclosures.map((enclosure) => ({
              url: enclosure.url,
              mime_type: enclosure.type,
              size_in_bytes: enclosure.length
            }))
          : undefined
    }))
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

function people(list: ReadonlyArray<Person>): Array<{ name: string; url?: string }> | undefined {
  if (list.length === 0) return undefined
  return list.map((person) => ({
    name: clean(person.name),
    ...(person.url ? { url: new URL(person.url).href } : {})
  }))
}
