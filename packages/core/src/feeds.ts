import { atom, createFeedMemo, type Feed, jsonFeed, rss } from '@galley/feed'
import { lazyOutput, type OutputFile, toOutputPath } from './output.js'
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
    items: list.slice(0, limit).map((page) => ({
      title: page.data.title,
      url: new URL(page.url, site.url),
      published: page.data.date,
      // Front matter's `updated` (or git's last commit, with `gitDates`).
      updated: page.data.updated,
      summary: page.data.description ?? (page.excerpt.text || undefined),
      contentHtml: config.content === false ? undefined : page.html,
      categories: page.data.tags
    }))
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
  const files: OutputFile[] = [feed('rss', title, pages, paths.rss)]
  if (paths.atom) files.push(feed('atom', title, pages, paths.atom))
  if (paths.json) files.push(feed('json', title, pages, paths.json))
  if (paths.perTag) {
    const names = termFeedNames(paths)
    for (const tag of tags) {
      const name = `${title}: ${tag.taxonomy === 'tags' ? '#' : ''}${tag.name}`
      for (const { format, name: file } of names) {
        files.push(feed(format, name, tag.pages, `${tag.url}${file}`))
      }
    }
  }
  return files
}
