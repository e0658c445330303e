/** A person: the author of a feed or of an item. */
export interface Person {
  /** Name, as readers show it. */
  name: string
  /** Email address: RSS `<author>` needs one (else Galley writes `dc:creator`). */
  email?: string | undefined
  /** Home page. */
  url?: string | URL | undefined
}

/** A file attached to an item: a podcast episode, a PDF. */
export interface Enclosure {
  /** Absolute URL (or relative to the item's URL). */
  url: string | URL
  /** MIME type, such as `audio/mpeg`. */
  type: string
  /** Size in bytes. */
  length: number
}

/** One entry of a feed: a post. */
export interface FeedItem {
  /** Address of the post; a relative URL is resolved against the feed's `site`. */
  url: string | URL
  /** Stable id (default: `url`; RSS `guid`, Atom `id`, JSON Feed `id`). */
  id?: string | undefined
  /** Title. An item needs a title or a summary or content. */
  title?: string | undefined
  /** Publication date. */
  published: Date
  /** Date of the last change (default: `published`). */
  updated?: Date | undefined
  /** Plain-text summary. */
  summary?: string | undefined
  /**
   * Full content as HTML. URLs in it are made absolute against `url`;
   * `<script>`, `<iframe>` and `on*` attributes are removed unless the feed
   * says `unsafeContent: true`.
   */
  contentHtml?: string | undefined
  /** Categories (tags). */
  categories?: ReadonlyArray<string> | undefined
  /** Authors of this item (default: the feed's). */
  authors?: ReadonlyArray<Person> | undefined
  /** Main image. */
  image?: string | URL | undefined
  /** Attached files. */
  enclosures?: ReadonlyArray<Enclosure> | undefined
}

/** A feed: one model, written as RSS 2.0, Atom 1.0 and JSON Feed 1.1. */
export interface Feed {
  /** Title of the site or feed. */
  title: string
  /** Home page of the site: an absolute URL. */
  site: string | URL
  /** Where this feed is published: an absolute URL (`rel="self"`). */
  feedUrl: string | URL
  /** What the feed is about (RSS requires one; default: the title). */
  description?: string | undefined
  /** Language of the content, such as `en` or `en-GB`. */
  language?: string | undefined
  /** Authors of the feed. */
  authors?: ReadonlyArray<Person> | undefined
  /** Icon or logo URL. */
  image?: string | URL | undefined
  /** Items, newest first (written in the order given). */
  items: ReadonlyArray<FeedItem>
  /**
   * When the feed last changed (default: the newest item date, so the same
   * input always gives the same output; no clock is read).
   */
  updated?: Date | undefined
  /** Minutes readers may cache the RSS feed (`<ttl>`). */
  ttl?: number | undefined
  /** How many items to write (default: all). */
  limit?: number | undefined
  /** URL of an XSL stylesheet, so the XML feeds look good in a browser. */
  stylesheet?: string | URL | undefined
  /** Keep `<script>`, `<iframe>` and event handlers in content (default: `false`). */
  unsafeContent?: boolean | undefined
}
