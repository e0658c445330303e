import type { FileNameDates } from '@galley/frontmatter'
import type { ImagesConfig } from '@galley/images'
import type { ExternalOptions, Options as LinksOptions } from '@galley/links'
import type {
  Excerpt,
  Heading,
  Options as MarkdownOptions,
  Stats,
  TocEntry
} from '@galley/markdown'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Root } from 'hast'
import type { VFile } from 'vfile'
import type { VFileMessage } from 'vfile-message'

// The data shapes the core's modules share, with no import of any of them,
// so no two modules depend on each other through their types.

/** What a post's validated front matter must at least hold for Galley to publish it. */
export interface PostData {
  title: string
  date: Date
  tags?: ReadonlyArray<string> | undefined
  draft?: boolean | undefined
  description?: string | undefined
  /** Date of the last real change. */
  updated?: Date | undefined
  /** Not published before this date (default: `date`). */
  publishDate?: Date | undefined
  /** Not published after this date. */
  expiryDate?: Date | undefined
  /** Old URL paths that redirect to the post. */
  aliases?: ReadonlyArray<string> | undefined
  /** Replaces the slug taken from the file name. */
  slug?: string | undefined
}

/** A schema whose output Galley can publish: any Standard Schema giving at least `PostData`. */
export type PostSchema = StandardSchemaV1<unknown, PostData>

/** Feed settings. */
export interface FeedConfig {
  /** Title of the feed (default: the site's `title`). */
  title?: string | null | undefined
  /** Description of the feed (default: the site's `description`, else its title). */
  description?: string | null | undefined
  /** Where the RSS feed is written (default: `'/rss.xml'`). */
  path?: string | null | undefined
  /** Where the Atom feed is written, or `false` for none (default: `'/atom.xml'`). */
  atomPath?: string | false | null | undefined
  /** Where the JSON Feed is written, or `false` for none (default: `'/feed.json'`). */
  jsonPath?: string | false | null | undefined
  /** Authors of the feed. */
  authors?: ReadonlyArray<{ name: string; email?: string; url?: string }> | null | undefined
  /** Put each post's full HTML in the feeds (default: `true`). */
  content?: boolean | null | undefined
  /**
   * Write an RSS feed per term of each taxonomy, beside its page, such as
   * `/tags/<slug>/rss.xml` (default: `true`).
   */
  perTag?: boolean | null | undefined
  /** How many of the newest posts the feed holds (default: `20`). */
  limit?: number | null | undefined
}

/** Configuration of a Galley site. */
export interface GalleyConfig<S extends PostSchema = PostSchema> {
  /** Absolute URL of the site, such as `'https://example.com/'` (required: feeds need it). */
  site: string | URL
  /** Title of the site (default: the site's host name). */
  title?: string | null | undefined
  /** One-sentence description of the site. */
  description?: string | null | undefined
  /** Language of the content, such as `'en'`. */
  language?: string | null | undefined
  /** Schema for post front matter: any Standard Schema (default: `blogSchema` of `@galley/frontmatter`, in `timeZone`). */
  schema?: S | null | undefined
  /**
   * IANA time zone of the site, such as `'America/New_York'` (default:
   * `'UTC'`): date-only front-matter dates are midnight there, and permalink
   * dates are read there.
   */
  timeZone?: string | null | undefined
  /** What to do with front-matter keys the schema does not declare (default: `'warn'`). */
  unknownKeys?: 'error' | 'ignore' | 'warn' | null | undefined
  /**
   * Which files' names give a date and a slug (`2018-04-23-hello.md`:
   * `date` `2018-04-23` when the front matter has none, and slug `hello`
   * when it gives no `slug`): `'jekyll'`, files in a `_posts` folder, as
   * Jekyll names posts; `'all'`, any file, as Hugo's `:filename` date
   * setting reads them; `'none'` (default: `'jekyll'`).
   */
  fileNameDates?: FileNameDates | null | undefined
  /**
   * Where each post is published: a pattern with `:slug`, `:year`, `:month`
   * and `:day`, or a function (default: `'/posts/:slug/'`).
   */
  permalink?: string | ((post: PermalinkContext) => string) | null | undefined
  /** Whether drafts (`draft: true`) are published (default: `false`). */
  drafts?: boolean | null | undefined
  /** Whether posts whose `publishDate` (else `date`) is after `now` are published (default: `false`). */
  future?: boolean | null | undefined
  /** Whether posts whose `expiryDate` is before `now` are published (default: `false`). */
  expired?: boolean | null | undefined
  /** The moment publishing rules compare with (default: the time `build` starts; pass one in tests). */
  now?: Date | null | undefined
  /**
   * Keep renders between builds: a file is rendered again only when its
   * content, the options, a plugin's source or another post's URL changed
   * (default: none; `@galley/core/node`'s `createContentCache(dir)` keeps them on disk).
   */
  cache?: ContentCache | null | undefined
  /**
   * Taxonomies: front-matter keys whose values group posts, each with term
   * pages (`layouts.tag`) and a feed per term, such as
   * `{ tags: {}, categories: { permalink: '/c/:term/' } }` (default:
   * `{ tags: {} }`, at `/tags/:term/`).
   */
  taxonomies?: Readonly<Record<string, TaxonomyConfig>> | null | undefined
  /**
   * Posts a page on the home page and on term pages: page 1 at the list's
   * URL, page `n` at `<list>page/<n>/` (default: all on one page).
   */
  paginate?: number | null | undefined
  /** Write `sitemap.xml` (default: `true`). */
  sitemap?: boolean | null | undefined
  /**
   * Write `robots.txt` allowing every crawler and pointing at the sitemap
   * (default: `true` when there is a sitemap, a layout writes pages, and
   * `public/` has no `robots.txt` of its own).
   */
  robots?: boolean | null | undefined
  /**
   * URL path of the archive page, every post by year (`Layouts.archive`),
   * or `false` for none (default: `/archive/`, when the layout is given).
   */
  archive?: string | false | null | undefined
  /**
   * A list page for each top-level folder of posts, as Hugo's sections
   * (`content/posts/a.md` → `/posts/`, paginated as term pages are), laid
   * out with `layouts.tag` as a term of the `section` taxonomy; none where
   * a written page (or the home page, a term, an index) has the URL
   * (default: `false`).
   */
  sections?: boolean | null | undefined
  /** Markdown options: plugins, GFM, raw HTML. */
  markdown?: Omit<MarkdownOptions, 'frontmatter'> | null | undefined
  /**
   * What is done with the images of pages (`@galley/images`): `width` and
   * `height` from each local file, lazy loading after the first, alt-text,
   * budget and remote checks, and, with `responsive`, WebP/AVIF variants;
   * `false` leaves images as written (default: `{}`, every check on, no
   * variants).
   */
  images?: ImagesConfig | boolean | null | undefined
  /**
   * Publish the files beside posts (a page bundle's, the content folder's)
   * under names with a hash of their content (`map.png` →
   * `map-1f2e3d4c.png`), so a changed file gets a new URL and no cache
   * serves the old one; Markdown links and images to them are rewritten
   * (`@galley/core/node` names them; raw HTML keeps the names it has, and
   * a link to the old name is then reported) (default: `false`).
   */
  hashFileNames?: boolean | null | undefined
  /** Link checking (`site` is filled in), or `false` to skip it (default: on). */
  links?:
    | (Omit<LinksOptions, 'toUrl' | 'site'> & {
        /**
         * Options for checking links to other sites over the network, read
         * by hosts that do it after `build` (`galley build --external`):
         * `build` itself never touches the network (default: none).
         */
        external?: ExternalOptions | boolean | null | undefined
      })
    | false
    | null
    | undefined
  /** The RSS feed, or `false` for none (default: `/rss.xml`). */
  feed?: FeedConfig | false | null | undefined
  /**
   * Page layouts: each one given writes its pages (posts, the home page, term
   * pages, 404); without any, `build` writes no HTML pages, only the feeds
   * and the sitemap. The CLI fills the ones a config leaves out from the
   * default theme (`@galley/theme`), unless `layouts` is `null`.
   */
  layouts?: Partial<Layouts<StandardSchemaV1.InferOutput<S>>> | null | undefined
  /**
   * Folder of content, for `@galley/core/node` and the CLI (default:
   * `'content'`); collection globs are relative to it.
   */
  contentDir?: string | null | undefined
  /**
   * Collections besides the posts, by name: pages and other Markdown entries
   * (`defineCollection({ glob: 'pages/*.md', layout })`) and data files
   * (`defineCollection({ type: 'data', glob: 'authors/*.yaml', schema })`).
   * Posts are the Markdown files no other collection takes, unless
   * `collections.posts` gives their own glob (default: none).
   */
  collections?:
    | Readonly<Record<string, Collection<StandardSchemaV1.InferOutput<S>>>>
    | null
    | undefined
  /**
   * Front-matter keys that name entries of a data collection, such as
   * `{ author: 'authors' }` (a string or a list of strings), in posts and
   * every content collection: checked after every entry is loaded
   * (default: none).
   */
  references?: Readonly<Record<string, string>> | null | undefined
  /** Folder of files copied into the site as they are, for the CLI (default: `'public'`). */
  publicDir?: string | null | undefined
  /**
   * Glob patterns, relative to `publicDir`, of its files not to copy (a
   * Jekyll site's folder is its `publicDir`, its `_posts` are not copied)
   * (default: none).
   */
  publicExclude?: ReadonlyArray<string> | null | undefined
  /**
   * Dates from git's history (read by `loadSite`): an entry's last commit
   * is its `updated` date when the front matter gives none (its feeds
   * entry, sitemap `lastmod`, JSON-LD `dateModified`), and its first is
   * its `date` when neither the front matter nor the file name gives one.
   * A shallow clone gives none, with a `git-shallow` warning (default:
   * `false`).
   */
  gitDates?: boolean | null | undefined
  /** Output folder, for `@galley/core/node` and the CLI (default: `'dist'`). */
  outDir?: string | null | undefined
  /**
   * Let a build replace an output folder that holds files Galley did not
   * write (default: `false`: such a build is refused, naming the files).
   * The CLI's `--force`.
   */
  emptyOutDir?: boolean | null | undefined
}

/** What a permalink function gets. */
export interface PermalinkContext<D = PostData> {
  /** Slug of the post (from its file name, or front matter). */
  slug: string
  /** Path of the post's file, as loaded (`content/posts/a.md`). */
  path: string
  /** Time zone that `:year`, `:month` and `:day` are read in. */
  timeZone?: string | undefined
  /** Validated front matter. */
  data: D
}

/** Front matter that every entry of a content collection may have: a post's, all optional. */
export type EntryData = { [K in keyof PostData]?: PostData[K] | undefined }

/**
 * A collection of Markdown entries other than the posts: pages such as
 * “About”, docs, recipes. Each entry is validated by `schema`, rendered,
 * link-checked, published at `permalink` with `layout`, and listed in the
 * sitemap; feeds, tags and previous/next stay with the posts.
 */
export interface ContentCollection<S extends StandardSchemaV1 = StandardSchemaV1, D = PostData> {
  /** `'content'` (the default) for Markdown entries. */
  type?: 'content' | undefined
  /** Glob patterns of the entries, relative to `contentDir`, such as `'pages/**\/*.md'`; one starting with `!` leaves files out. */
  glob: string | ReadonlyArray<string>
  /** Schema of the front matter (default: `title`, `date`, `description`, `draft`, `slug`, `updated`, `aliases`). */
  schema?: S | null | undefined
  /** Where each entry is published: a pattern or a function (default: `'/:slug/'`). */
  permalink?:
    | string
    | ((entry: PermalinkContext<StandardSchemaV1.InferOutput<S>>) => string)
    | null
    | undefined
  /** Layout of one entry's page; without one, the entries are checked but not written. */
  layout?: ((page: Page<StandardSchemaV1.InferOutput<S>>, site: Site<D>) => Root) | null | undefined
}

/**
 * A collection of data files (YAML, JSON or TOML): authors, series. Each file
 * is one entry, its id the file name without extension, validated by
 * `schema`; `references` in the config point into it.
 */
export interface DataCollection<S extends StandardSchemaV1 = StandardSchemaV1> {
  type: 'data'
  /** Glob patterns of the files, relative to `contentDir`, such as `'authors/*.yaml'`. */
  glob: string | ReadonlyArray<string>
  /** Schema of each file's data (default: anything). */
  schema?: S | null | undefined
}

/** A collection of entries or of data files. */
export type Collection<D = PostData> =
  // biome-ignore lint/suspicious/noExplicitAny: each collection has its own schema
  | ContentCollection<any, D>
  // biome-ignore lint/suspicious/noExplicitAny: each collection has its own schema
  | DataCollection<any>

/** A term of a taxonomy (a tag, a category) and the posts that have it, newest first. */
export interface Tag<D> {
  /** Term as written in front matter. */
  name: string
  /** Front-matter key of the taxonomy, such as `tags`. */
  taxonomy: string
  /** URL path of the term's page, such as `/tags/fedora/`. */
  url: string
  /** Posts with this tag, newest first. */
  pages: ReadonlyArray<Page<D>>
}

/** The whole site, as layouts see it. */
export interface Site<D> {
  /** Absolute URL of the site. */
  url: URL
  /** Title of the site. */
  title: string
  /** Description of the site, if any. */
  description: string | undefined
  /** Language of the content, if any. */
  language: string | undefined
  /** Published posts, newest first. */
  pages: ReadonlyArray<Page<D>>
  /** Tags, by name (the terms of the `tags` taxonomy). */
  tags: ReadonlyArray<Tag<D>>
  /** Terms of every taxonomy, by taxonomy, each sorted by name. */
  taxonomies: Readonly<Record<string, ReadonlyArray<Tag<D>>>>
  /** Published entries of the other content collections, by collection. */
  collections: Readonly<Record<string, ReadonlyArray<Page<unknown>>>>
  /** URL path of the RSS feed, if there is one. */
  feedUrl: string | undefined
  /**
   * URL paths of the site's feeds (`feed`), for `<link rel="alternate">`:
   * each format written, and whether each term has its RSS feed at
   * `<term URL>rss.xml`; `undefined` with `feed: false`.
   */
  feeds: SiteFeeds | undefined
  /**
   * URL path of each taxonomy's index page (`/tags/`), by taxonomy, for the
   * taxonomies that have one (`Layouts.terms`).
   */
  termIndexes: Readonly<Record<string, string>>
  /** URL path of the archive page (`Layouts.archive`), if the site has one. */
  archiveUrl: string | undefined
  /** IANA time zone the site's dates are read and shown in (`timeZone`; `undefined`: UTC). */
  timeZone: string | undefined
}

/**
 * A file of a page bundle (`posts/trip/photo.jpg` beside
 * `posts/trip/index.md`): copied next to the page, wherever its URL puts it.
 */
export interface BundleFile {
  /** Path of the page's file, as loaded (`content/posts/trip/index.md`). */
  owner: string
  /** Path inside the bundle's folder, with `/` separators (`photo.jpg`, `img/map.png`). */
  path: string
  /**
   * The path it is published at inside the page's folder, when not `path`
   * (`photo-1f2e3d4c.jpg`, with `hashFileNames`); Markdown links to it are
   * rewritten to it.
   */
  published?: string | undefined
  /** Bytes. */
  value: Uint8Array
}

/**
 * A file of the content folder that is neither Markdown, nor a page
 * bundle's, nor a data file (`content/posts/img/map.png`): published when
 * a published page links to it.
 */
export interface ContentFile {
  /** Its path, as loaded (relative to the working folder, `/` separators). */
  path: string
  /**
   * The URL it is published at, for a file made from others (an image
   * variant, `/_galley/images/…`); without it, its path inside the content
   * folder (`contentFileUrl`). Such a file is copied when a page links to
   * it, and no Markdown link names it by path.
   */
  url?: string | undefined
  /** Bytes. */
  value: Uint8Array
}

/** The feeds of a site, as layouts see them (`Site.feeds`). */
export interface SiteFeeds {
  /** URL path of the RSS 2.0 feed. */
  rss: string
  /** URL path of the Atom feed, if written. */
  atom: string | undefined
  /** URL path of the JSON Feed, if written. */
  json: string | undefined
  /**
   * The file names of each term's feeds in its folder (`rss.xml`, and
   * `atom.xml` and `feed.json` when the site writes those formats), or
   * `undefined` with `perTag: false`.
   */
  term: { rss: string; atom: string | undefined; json: string | undefined } | undefined
}

/**
 * Layouts turn data into HTML syntax trees (hast), so text is escaped by
 * construction; `raw(page.html)` inserts a post's rendered body.
 */
export interface Layouts<D> {
  /** One post's page. */
  post(page: Page<D>, site: Site<D>): Root
  /** The home page listing posts, once per page of `paginate` posts. */
  index(site: Site<D>, pagination: Pagination<Page<D>>): Root
  /** One term's page (of `tags` or another taxonomy), once per page of `paginate` posts. */
  tag(tag: Tag<D>, site: Site<D>, pagination: Pagination<Page<D>>): Root
  /** The page for missing URLs, written as `404.html`. */
  notFound(site: Site<D>): Root
  /**
   * The index of a taxonomy's terms (`/tags/`), once per taxonomy that has
   * terms, at its permalink's folder (`/tags/:term/` → `/tags/`; none when
   * that is the home page).
   */
  terms(index: TermIndex<D>, site: Site<D>): Root
  /**
   * The archive: every post by year, newest first, at `archive`'s URL
   * (default `/archive/`), when there are posts.
   */
  archive(archive: Archive<D>, site: Site<D>): Root
}

/** Every post by year, as the archive page (`Layouts.archive`) sees them. */
export interface Archive<D> {
  /** URL path of the archive, such as `/archive/`. */
  url: string
  /** Years, newest first, each with its posts in the site's order (newest first). */
  years: ReadonlyArray<{ year: string; pages: ReadonlyArray<Page<D>> }>
}

/** A taxonomy's terms, as its index page (`Layouts.terms`) sees them. */
export interface TermIndex<D> {
  /** Front-matter key of the taxonomy, such as `tags`. */
  taxonomy: string
  /** URL path of the index, such as `/tags/`. */
  url: string
  /** Its terms, sorted by name. */
  terms: ReadonlyArray<Tag<D>>
}

/** A rendered post. */
export interface Page<D> {
  /** The file, carrying its messages. */
  file: VFile
  /** Collection the entry belongs to: `posts`, or another content collection. */
  collection: string
  /** Slug, from the file name (`index.md` takes its folder's name). */
  slug: string
  /** URL path the post is published at, such as `/posts/hello/`. */
  url: string
  /** Validated front matter. */
  data: D
  /** Rendered body. */
  html: string
  /** Headings, with the ids they have in `html`. */
  headings: ReadonlyArray<Heading>
  /** HTML before `<!--more-->`, else the first paragraph, and its plain text. */
  excerpt: Excerpt
  /** Word count and reading time. */
  stats: Stats
  /** Headings nested into a table of contents. */
  toc: ReadonlyArray<TocEntry>
  /** The next older published post, set by `build`. */
  previous?: PageLink | undefined
  /** The next newer published post, set by `build`. */
  next?: PageLink | undefined
  /** Up to three posts sharing the most terms (of every taxonomy), nearest in date among equals, set by `build`. */
  related?: ReadonlyArray<PageLink> | undefined
  /** Data entries that `references` resolved, by front-matter key, set by `build`. */
  references?: Readonly<Record<string, DataEntry | ReadonlyArray<DataEntry>>> | undefined
}

/** A link to another post. */
export interface PageLink {
  url: string
  title: string
}

/** An entry of a data collection: an author, a series. */
export interface DataEntry {
  /** Id that front matter refers to: the file name without extension (`ann` for `authors/ann.yaml`). */
  id: string
  /** The entry's data. */
  data: unknown
}

/** A taxonomy: a front-matter key whose values group posts (`tags`, `categories`, `series`). */
export interface TaxonomyConfig {
  /** URL of a term's page, with `:term` (default: `'/<key>/:term/'`). */
  permalink?: string | null | undefined
}

/** Terms by taxonomy. */
export type Taxonomies<D> = Record<string, Array<Tag<D>>>

/** One page of a list: the home page or a term's page, split by `paginate`. */
export interface Pagination<T> {
  /** The items on this page. */
  items: ReadonlyArray<T>
  /** Number of this page, from 1. */
  current: number
  /** Number of pages (at least 1). */
  total: number
  /** URL path of this page: the list's own URL for page 1, else `<list>page/<n>/`. */
  url: string
  /** URL path of the page before, if any. */
  previous: string | undefined
  /** URL path of the page after, if any. */
  next: string | undefined
}

/** Everything a render produced, as JSON-safe data. */
export interface CachedRender {
  html: string
  headings: Heading[]
  toc: TocEntry[]
  excerpt: Excerpt
  stats: Stats
  /** `file.data` keys: `matter`, `galleyFrontmatter` (dates marked), `galleyLinks`. */
  data: string
  /**
   * Every `.md` path the render looked up in the build's routes, with the
   * URL it got (`null`: no entry there then). The render is reused only
   * while each still gets the same URL, so a new post re-renders only the
   * posts that link to it.
   */
  routes: Array<[string, string | null]>
  /**
   * The file's own URL in the build that rendered it (`null`: none), so a
   * warm build needs no front-matter pass to know it; absent when rendered
   * outside `build` (`processFile`).
   */
  route?: string | null | undefined
  messages: StoredMessage[]
}

/** A message as plain data: what a cache or a build snapshot keeps of it. */
export interface StoredMessage {
  reason: string
  place: VFileMessage['place']
  ruleId: string | undefined
  source: string | undefined
  fatal: boolean | null | undefined
  expected?: string[] | undefined
  actual?: string | undefined
  note?: string | undefined
  url?: string | undefined
}

/**
 * Where renders are kept between builds. `@galley/core/node` has one on
 * disk (`createContentCache`); any object with these two methods works.
 */
export interface ContentCache {
  /** The render stored under `key`, if any. */
  get(key: string): Promise<CachedRender | undefined> | CachedRender | undefined
  /** Store a render under `key`. */
  set(key: string, value: CachedRender): Promise<void> | void
}

/**
 * A build as plain data (`Galley.snapshot`), for a later process to resume
 * from (`Galley.resume`) instead of building again: every input file's
 * messages and every entry as the build left it. It holds only values
 * the structured-clone algorithm keeps (`v8.serialize`), and no `html`
 * that the host chose to keep elsewhere (see `SnapshotText`).
 */
export interface BuildSnapshot {
  /** Format: a snapshot of another format is never resumed. */
  version: 4
  /** The moment (ms since 1970) the publishing rules were applied at. */
  now: number
  /** Every entry's route: `[path of its file, URL]`. */
  routes: Array<[string, string]>
  /** Comparisons the link checker's “did you mean” made (`LinkChecker.spent`). */
  spent: number
  /** Every input file, in input order. */
  files: SnapshotFile[]
  /**
   * The content files (`BuildOptions.files`) each page that links to one
   * links to: `[path of its file, URLs]`, so a resumed page tells without
   * reading its link index.
   */
  linked: Array<[string, string[]]>
}

/** One input file of a `BuildSnapshot`. */
export interface SnapshotFile {
  /** Its path, with `/` separators. */
  path: string
  /** A hash of its text: a file whose text has another is rendered again. */
  digest: string
  /** Whether a collection took it and the build rendered it. */
  rendered: boolean
  /** Its messages at the end of the build. */
  messages: StoredMessage[]
  /** The entry it gave (absent when it gave none). */
  entry?: SnapshotEntry | undefined
}

/** One entry of a `BuildSnapshot`. */
export interface SnapshotEntry {
  /** The validated front matter its render left (`galleyFrontmatter`). */
  data: Record<string, unknown>
  /**
   * Its raw front matter (`file.data.matter`) as JSON with dates marked,
   * read only when something needs it (`''` for `undefined`; none when the
   * file had none).
   */
  matter?: string | undefined
  /**
   * Its `previous`, `next` and `related` as JSON with dates marked, read
   * only when something needs them (none when the page has none of them).
   */
  neighbours?: string | undefined
  /**
   * As JSON, read only when something needs them: its link index
   * (`file.data.galleyLinks`) and the page's `headings`, `toc`, `excerpt`
   * and `stats`.
   */
  packed: string | SnapshotText
  /**
   * The ids of its headings and anchors, for the link checker (without the
   * index), as one text joined by NUL (no id holds one): one string, not a
   * list of them, to read back.
   */
  ids: string
  /** What its render was made from (its cache key and routes), for layouts' traces. */
  identity: string | undefined
  /** The fingerprint of its `data`, for layouts' traces. */
  dataToken: string
  /** Whether it was published. */
  published: boolean
  /**
   * Every field of the page but `file`, `data`, `html` and those in
   * `packed` and `neighbours` (`undefined` there, so the keys keep their
   * order).
   */
  page: Record<string, unknown>
  /** Its `html`: the text, or where the host keeps it (see `SnapshotText`). */
  html: string | SnapshotText
}

/**
 * Where a host keeps a text of an entry (its `html`, its packed fields)
 * outside the snapshot, such as a byte range of a file beside it:
 * `Galley.resume` reads it through `ResumeOptions.text` only when
 * something needs it, and a snapshot of the resumed build gives it back
 * unchanged when nothing read it.
 */
export interface SnapshotText {
  /** Where the text starts (the host's own unit, such as a byte offset). */
  offset: number
  /** How long it is (the host's own unit). */
  length: number
}
