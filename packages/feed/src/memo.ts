/**
 * Cleaned item content shared by several feed writes: RSS, Atom, JSON Feed
 * and every term feed of one build show the same posts, and cleaning one
 * (parsing its HTML, making URLs absolute, removing what is unsafe) is the
 * costly part. Pass the same memo to each write; drop it after the build.
 */
export interface FeedMemo {
  /** @internal Cleaned HTML by item URL, safety setting and source HTML. */
  readonly content: Map<string, Map<string, string>>
}

/** Options of `rss`, `atom` and `jsonFeed`. */
export interface WriteOptions {
  /** Share cleaned content with other writes of the same items (default: none). */
  memo?: FeedMemo | null | undefined
}

/**
 * Make a memo for `WriteOptions.memo`.
 *
 * @returns
 *   Empty memo.
 */
export function createFeedMemo(): FeedMemo {
  return { content: new Map() }
}

/** The cleaned content for one item, from the memo or made now. */
export function remember(
  memo: FeedMemo | null | undefined,
  key: string,
  html: string,
  make: () => string
): string {
  if (!memo) return make()
  let byHtml = memo.content.get(key)
  if (!byHtml) {
    byHtml = new Map()
    memo.content.set(key, byHtml)
  }
  let value = byHtml.get(html)
  if (value === undefined) {
    value = make()
    byHtml.set(html, value)
  }
  return value
}
