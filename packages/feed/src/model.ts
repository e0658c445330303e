/** A person: the author of a feed or of an item. */
export interface Person {
  /** Name, as readers show it. */
  name: string
  /** Email address (RSS readers want an email for `<author>`). */
  email?: string | undefined
  /** Home page. */
  url?: string | URL | undefined
}

/** One entry of a feed: a post. */
export interface FeedItem {
  /** Title of the post. */
  title: string
  /** Address of the post; a relative URL is resolved against the feed's `site`. */
  url: string | URL
  /** Publication date. */
  published: Date
  /** Date of the last change, if any. */
  updated?: Date | undefined
  /** Plain-text summary. */
  summary?: string | undefined
  /** Full content as HTML. */
  contentHtml?: string | undefined
  /** Categories (tags). */
  categories?: ReadonlyArray<string> | undefined
}

/** A feed: the same model is written as RSS (and, later, Atom and JSON Feed). */
export interface Feed {
  /** Title of the site or feed. */
  title: string
  /** Home page of the site: an absolute URL. */
  site: string | URL
  /** Where this feed is published: an absolute URL (for `atom:link rel="self"`). */
  feedUrl: string | URL
  /** What the feed is about (RSS requires one; default: the title). */
  description?: string | undefined
  /** Language of the content, such as `en` or `en-GB`. */
  language?: string | undefined
  /** Author of the feed. */
  author?: Person | undefined
  /** Items, written in the order given. */
  items: ReadonlyArray<FeedItem>
  /**
   * When the feed last changed (default: the newest item's `updated` or
   * `published` date, so the same input always gives the same output).
   */
  updated?: Date | undefined
}
