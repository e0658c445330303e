import { feedContent } from './content.js'
import { type FeedMemo, remember } from './memo.js'
import type { Feed, FeedItem, Person } from './model.js'
import { assertFeed } from './validate.js'

/** An item with everything resolved: what every writer writes. */
export interface PreparedItem {
  id: string
  url: string
  title: string | undefined
  published: Date
  updated: Date
  summary: string | undefined
  contentHtml: string | undefined
  categories: ReadonlyArray<string>
  authors: ReadonlyArray<Person>
  image: string | undefined
  enclosures: ReadonlyArray<{ url: string; type: string; length: number }>
}

/** A feed with everything resolved. */
export interface PreparedFeed {
  title: string
  site: string
  feedUrl: string
  description: string
  language: string | undefined
  authors: ReadonlyArray<Person>
  image: string | undefined
  updated: Date | undefined
  ttl: number | undefined
  stylesheet: string | undefined
  items: PreparedItem[]
}

/**
 * Check a feed model (one `TypeError` listing every problem) and resolve it:
 * absolute URLs, default ids and dates, `limit`, content made absolute and safe.
 *
 * @param feed
 *   Model.
 * @param memo
 *   Cleaned content shared with other writes (optional).
 * @returns
 *   Resolved feed.
 */
export function prepare(feed: Readonly<Feed>, memo?: FeedMemo | null): PreparedFeed {
  assertFeed(feed)
  const site = new URL(feed.site)
  // A safety switch counts only when set on the feed itself, never inherited.
  const unsafe = Object.hasOwn(feed, 'unsafeContent') && feed.unsafeContent === true
  const items = feed.items
    .slice(0, feed.limit ?? feed.items.length)
    .map((item) => prepareItem(item, site, unsafe, memo))
  let updated = feed.updated
  if (!updated) {
    for (const item of items) {
      if (!updated || item.updated.getTime() > updated.getTime()) updated = item.updated
    }
  }
  return {
    title: feed.title,
    site: site.href,
    feedUrl: new URL(feed.feedUrl).href,
    description: feed.description ?? feed.title,
    language: feed.language,
    authors: feed.authors ?? [],
    image: feed.image === undefined ? undefined : new URL(feed.image, site).href,
    updated,
    ttl: feed.ttl,
    stylesheet: feed.stylesheet === undefined ? undefined : String(feed.stylesheet),
    items
  }
}

function prepareItem(
  item: FeedItem,
  site: URL,
  unsafe: boolean,
  memo: FeedMemo | null | undefined
): PreparedItem {
  const url = new URL(item.url, site)
  return {
    id: item.id ?? url.href,
    url: url.href,
    title: item.title,
    published: item.published,
    updated: item.updated ?? item.published,
    summary: item.summary,
    contentHtml:
      item.contentHtml === undefined
        ? undefined
        : remember(memo, `${unsafe}\u0000${url.href}`, item.contentHtml, () =>
            feedContent(item.contentHtml as string, url, unsafe)
          ),
    categories: item.categories ?? [],
    authors: item.authors ?? [],
    image: item.image === undefined ? undefined : new URL(item.image, url).href,
    enclosures: (item.enclosures ?? []).map((enclosure) => ({
      url: new URL(enclosure.url, url).href,
      type: enclosure.type,
      length: enclosure.length
    }))
  }
}
