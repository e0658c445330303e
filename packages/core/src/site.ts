import { checkLinks } from '@galley/links'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { slug as slugify } from 'github-slugger'
import type { GalleyConfig, PostData, PostSchema } from './config.js'
import { feedPaths, feedRoutes, writeFeeds } from './feeds.js'
import { serialize } from './html.js'
import type { Site, Tag } from './layouts.js'
import { linkNeighbours } from './neighbours.js'
import { type OutputFile, toOutputPath } from './output.js'
import type { Page } from './page.js'
import { isPublished } from './publish.js'
import { redirectPage } from './redirects.js'
import { sitemap } from './sitemap.js'
import { source } from './source.js'

/**
 * Turn rendered posts into a site: apply the publishing rules, sort newest
 * first, refuse two posts at one URL, link neighbours, gather tags, check
 * links, lay out pages, write redirects for aliases, the feeds and a sitemap.
 *
 * @returns
 *   Published pages and the files to write.
 */
export function assemble<D extends PostData>(
  rendered: ReadonlyArray<Page<D>>,
  config: Readonly<GalleyConfig<StandardSchemaV1<unknown, D>>>,
  url: URL,
  assets: ReadonlyArray<string>
): { pages: Array<Page<D>>; files: OutputFile[] } {
  const byUrl = new Map<string, Page<D>>()
  const pages: Array<Page<D>> = []
  const now = config.now ?? new Date()

  for (const page of sortNewestFirst(rendered)) {
    if (!isPublished(page.data, config as Readonly<GalleyConfig<PostSchema>>, now)) continue
    const other = byUrl.get(page.url)
    if (other) {
      const message = page.file.message(
        `Unexpected second post at \`${page.url}\`, already taken by \`${other.file.path}\`; rename one of the files or change its permalink`,
        { place: { line: 1, column: 1 }, ruleId: 'duplicate-url', source }
      )
      message.fatal = true
      continue
    }
    byUrl.set(page.url, page)
    pages.push(page)
  }
  linkNeighbours(pages)

  const tags = gatherTags(pages)
  const paths = feedPaths(config.feed)
  const title = config.title || url.hostname
  const site: Site<D> = {
    url,
    title,
    description: config.description ?? undefined,
    language: config.language ?? undefined,
    pages,
    tags,
    feedUrl: paths?.rss
  }
  const redirects = pages.flatMap((page) =>
    (page.data.aliases ?? []).map((alias) => ({ from: alias, to: new URL(page.url, url).href }))
  )

  if (config.links !== false) {
    const routes = ['/', '/404.html', ...tags.map((tag) => tag.url), ...assets]
    routes.push(...redirects.map((redirect) => redirect.from))
    if (config.sitemap !== false) routes.push('/sitemap.xml')
    if (paths) routes.push(...feedRoutes(paths, tags))
    const urls = new Map(pages.map((page) => [page.file, page.url]))
    checkLinks(
      pages.map((page) => page.file),
      {
        skip: config.links?.skip,
        site: url,
        routes: [...routes, ...(config.links?.routes ?? [])],
        toUrl: (file) => urls.get(file) ?? '/'
      }
    )
  }

  const files: OutputFile[] = []
  const layouts = config.layouts
  if (layouts) {
    for (const page of pages) {
      files.push({ path: toOutputPath(page.url), value: serialize(layouts.post(page, site)) })
    }
    files.push({ path: 'index.html', value: serialize(layouts.index(site)) })
    for (const tag of tags) {
      files.push({ path: toOutputPath(tag.url), value: serialize(layouts.tag(tag, site)) })
    }
    files.push({ path: '404.html', value: serialize(layouts.notFound(site)) })
  }
  for (const redirect of redirects) files.push(redirectPage(redirect.from, redirect.to))
  if (paths) files.push(...writeFeeds(pages, tags, paths, config.feed || {}, site))
  if (config.sitemap !== false) {
    const entries: Array<{ url: string; lastmod?: Date | undefined }> = pages.map((page) => ({
      url: new URL(page.url, url).href,
      lastmod: page.data.updated ?? page.data.date
    }))
    if (layouts) {
      entries.push({ url: url.href, lastmod: pages[0]?.data.date })
      for (const tag of tags)
        entries.push({ url: new URL(tag.url, url).href, lastmod: tag.pages[0]?.data.date })
    }
    files.push({ path: 'sitemap.xml', value: sitemap(entries) })
  }

  return { pages, files }
}

function sortNewestFirst<D extends PostData>(pages: ReadonlyArray<Page<D>>): Array<Page<D>> {
  return [...pages].sort(
    (a, b) => b.data.date.getTime() - a.data.date.getTime() || a.url.localeCompare(b.url)
  )
}

function gatherTags<D extends PostData>(pages: ReadonlyArray<Page<D>>): Array<Tag<D>> {
  const tags = new Map<string, { name: string; url: string; pages: Array<Page<D>> }>()
  for (const page of pages) {
    for (const name of page.data.tags ?? []) {
      const url = `/tags/${encodeURIComponent(slugify(name))}/`
      let tag = tags.get(url)
      if (!tag) {
        tag = { name, url, pages: [] }
        tags.set(url, tag)
      }
      tag.pages.push(page)
    }
  }
  return [...tags.values()].sort((a, b) => a.name.localeCompare(b.name))
}
