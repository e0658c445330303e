import type { ExternalOptions, Options as LinksOptions } from '@galley/links'
import type { Options as MarkdownOptions } from '@galley/markdown'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { ContentCache } from './cache.js'
import type { Collection } from './collections.js'
import type { Layouts } from './layouts.js'
import type { TaxonomyConfig } from './taxonomies.js'

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
  /** Markdown options: plugins, GFM, raw HTML. */
  markdown?: Omit<MarkdownOptions, 'frontmatter'> | null | undefined
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
  /** Page layouts; without them `build` writes no HTML pages, only the feed. */
  layouts?: Layouts<StandardSchemaV1.InferOutput<S>> | null | undefined
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

/**
 * Identity function that gives a configuration its types.
 *
 * @param config
 *   Configuration.
 * @returns
 *   The same configuration.
 */
export function defineConfig<S extends PostSchema>(config: GalleyConfig<S>): GalleyConfig<S> {
  return config
}
