import {
  atom,
  createFeedMemo,
  type Feed,
  type FeedItem,
  jsonFeed,
  rss,
  validateFeed
} from '@galley/feed'
import { lazyOutput, type OutputFile, toOutputPath } from './output.js'
import { source } from './source.js'
import { isUsableTerm } from './terms-check.js'
import { dataToken, fingerprintOf, renderIdentity } from './trace.js'
import type { FeedConfig, Page, PostData, Tag } from './types.js'

const writers = { rss, atom, json: jsonFeed }

/** Where the feeds go, with defaults applied; `undefined` when there are none. */
export interface FeedPaths {
  rss: string
  atom: string | undefined
  json: string | undefined
  perTag: boolean
}

/**
 * The feed paths of a configuration.
 *
 * @returns
 *   Paths, or `undefined` for `feed: false`.
 */
export function feedPaths(config: FeedConfig | false | null | undefined): FeedPaths | undefined {
  if (config === false) return undefined
  const settings = config || {}
  return {
    rss: settings.path ?? '/rss.xml',
    atom: settings.atomPath === false ? undefined : (settings.atomPath ?? '/atom.xml'),
    json: settings.jsonPath === false ? undefined : (settings.jsonPath ?? '/feed.json'),
    perTag: settings.perTag ?? true
  }
}

/**
 * The file names of each term's feeds, in the term's folder: RSS always,
 * Atom and JSON Feed when the site writes those.
 */
export function termFeedNames(
  paths: FeedPaths
): Array<{ format: 'rss' | 'atom' | 'json'; name: string }> {
  const names: Array<{ format: 'rss' | 'atom' | 'json'; name: string }> = [
    { format: 'rss', name: 'rss.xml' }
  ]
  if (paths.atom) names.push({ format: 'atom', name: 'atom.xml' })
  if (paths.json) names.push({ format: 'json', name: 'feed.json' })
  return names
}

/** The URL paths of every feed (per term of every taxonomy too), for the link checker. */
export function feedRoutes<D>(paths: FeedPaths, tags: ReadonlyArray<Tag<D>>): string[] {
  const routes = [paths.rss]
  if (paths.atom) routes.push(paths.atom)
  if (paths.json) routes.push(paths.json)
  if (paths.perTag) {
    const names = termFeedNames(paths)
    for (const tag of tags) for (const { name } of names) routes.push(`${tag.url}${name}`)
  }
  return routes
}

/**
 * Write the site's feeds (RSS, Atom, JSON Feed) and the same formats per
 * term (of `tags` and every other taxonomy): `rss.xml`, `atom.xml` and
 * `feed.json` in the term's folder.
 *
 * @returns
 *   Files to write.
 */
export function writeFeeds<D extends PostData>(
  pages: ReadonlyArray<Page<D>>,
  tags: ReadonlyArray<Tag<D>>,
  paths: FeedPaths,
  config: Readonly<FeedConfig>,
  site: { url: URL; title: string; description: string | undefined; language: string | undefined }
): OutputFile[] {
  const limit = config.limit ?? 20
  const model = (title: string, list: ReadonlyArray<Page<D>>, path: string): Feed => ({
    title,
    description: config.description || site.description || site.title,
    site: site.url,
    feedUrl: new URL(path, site.url),
    language: site.language,
    authors: config.authors ?? undefined,
    items: list.slice(0, limit).map(item)
  })
  // What an item is without its text, and with it.
  const base = (page: Page<D>): FeedItem => ({
    title: page.data.title,
    url: new URL(page.url, site.url),
    published: page.data.date,
    // Front matter's `updated` (or git's last commit, with `gitDates`).
    updated: page.data.updated,
    // The terms that make a URL (`checkTerms` warns at the others).
    categories: page.data.tags?.filter(isUsableTerm)
  })
  const item = (page: Page<D>): FeedItem => ({
    ...base(page),
    summary: page.data.description ?? (page.excerpt.text || undefined),
    contentHtml: config.content === false ? undefined : page.html
  })
  // The item as far as it needs checking: a post with a title needs no text
  // (a resumed build reads a page's text only when it is written).
  const checked = (page: Page<D>): FeedItem =>
    typeof page.data.title === 'string' && page.data.title.trim() !== '' ? base(page) : item(page)
  // A post whose data makes no valid item (a schema of one's own that lets
  // an empty title and body through) is a message at the post and stays
  // out of the feeds, which the other posts still make.
  const fits = new Map<Page<D>, boolean>()
  const fitting = (list: ReadonlyArray<Page<D>>) =>
    list.filter((page) => {
      let ok = fits.get(page)
      if (ok === undefined) {
        ok = feedItemFits(page, checked(page), site.url)
        fits.set(page, ok)
      }
      return ok
    })

  // What a feed is made from: a writer keeps one whose inputs are as they were.
  const settings = fingerprintOf([
    config,
    site.url.href,
    site.title,
    site.description,
    site.language
  ])
  const inputs =
    (format: string, title: string, list: ReadonlyArray<Page<D>>, path: string) => () =>
      fingerprintOf([
        settings,
        format,
        title,
        path,
        list
          .slice(0, limit)
          .map((page) => [
            page.url,
            dataToken(page as Page<unknown>),
            renderIdentity(page.file) ?? page.html
          ])
      ])
  const feed = (
    format: 'rss' | 'atom' | 'json',
    title: string,
    list: ReadonlyArray<Page<D>>,
    path: string
  ) =>
    lazyOutput(
      toOutputPath(path),
      () => writers[format](model(title, list, path), options),
      inputs(format, title, list, path)
    )

  const title = config.title || site.title
  // Each post's content is cleaned once, for every feed it is in.
  const options = { memo: createFeedMemo() }
  // Each feed is written when it is first read.
  const posts = fitting(pages)
  const files: OutputFile[] = [feed('rss', title, posts, paths.rss)]
  if (paths.atom) files.push(feed('atom', title, posts, paths.atom))
  if (paths.json) files.push(feed('json', title, posts, paths.json))
  if (paths.perTag) {
    const names = termFeedNames(paths)
    for (const tag of tags) {
      const name = `${title}: ${tag.taxonomy === 'tags' ? '#' : ''}${tag.name}`
      for (const { format, name: file } of names) {
        files.push(feed(format, name, fitting(tag.pages), `${tag.url}${file}`))
      }
    }
  }
  return files
}

/**
 * Whether a post's item is one the feed writers take; if not, a
 * `feed-item` warning on the post names each problem.
 */
function feedItemFits<D extends PostData>(page: Page<D>, item: FeedItem, site: URL): boolean {
  const problems = validateFeed({ title: 'check', site, feedUrl: site, items: [item] })
  for (const problem of problems) {
    const field = problem.path.replace(/^items\[0\]\.?/, '') || 'the item'
    const reason = `Cannot put this post in the feeds: \`${field}\` ${problem.reason}; fix its front matter`
    if (page.file.messages.some((message) => message.reason === reason)) continue
    const message = page.file.message(reason, {
      place: { line: 1, column: 1 },
      ruleId: 'feed-item',
      source
    })
    message.fatal = false
  }
  return problems.length === 0
}
