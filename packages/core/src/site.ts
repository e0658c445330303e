import { atom, type Feed, jsonFeed, rss } from '@galley/feed'
import { checkLinks } from '@galley/links'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { slug as slugify } from 'github-slugger'
import type { GalleyConfig, PostData } from './config.js'
import { serialize } from './html.js'
import type { Site, Tag } from './layouts.js'
import { type OutputFile, toOutputPath } from './output.js'
import type { Page } from './page.js'
import { source } from './source.js'

/**
 * Turn rendered posts into a site: drop drafts, sort newest first, refuse
 * two posts at one URL, gather tags, check links, lay out pages, write the feed.
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

  for (const page of sortNewestFirst(rendered)) {
    if (page.data.draft && !config.drafts) continue
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

  const tags = gatherTags(pages)
  const feedConfig = config.feed === false ? undefined : config.feed || {}
  const feedUrl = feedConfig ? (feedConfig.path ?? '/rss.xml') : undefined
  const title = config.title || url.hostname
  const site: Site<D> = {
    url,
    title,
    description: config.description ?? undefined,
    language: config.language ?? undefined,
    pages,
    tags,
    feedUrl
  }

  if (config.links !== false) {
    const routes = ['/', '/404.html', ...tags.map((tag) => tag.url), ...assets]
    if (feedConfig && feedUrl) {
      routes.push(feedUrl)
      if (feedConfig.atomPath !== false) routes.push(feedConfig.atomPath ?? '/atom.xml')
      if (feedConfig.jsonPath !== false) routes.push(feedConfig.jsonPath ?? '/feed.json')
    }
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

  if (feedConfig && feedUrl) {
    const model: Feed = {
      title: feedConfig.title || title,
      description: feedConfig.description || config.description || title,
      site: url,
      feedUrl: new URL(feedUrl, url),
      language: config.language ?? undefined,
      authors: feedConfig.authors ?? undefined,
      items: pages.slice(0, feedConfig.limit ?? 20).map((page) => ({
        title: page.data.title,
        url: new URL(page.url, url),
        published: page.data.date,
        summary: page.data.description ?? (page.excerpt.text || undefined),
        contentHtml: feedConfig.content === false ? undefined : page.html,
        categories: page.data.tags
      }))
    }
    files.push({ path: toOutputPath(feedUrl), value: rss(model) })
    const atomPath = feedConfig.atomPath ?? '/atom.xml'
    if (atomPath) {
      files.push({
        path: toOutputPath(atomPath),
        value: atom({ ...model, feedUrl: new URL(atomPath, url) })
      })
    }
    const jsonPath = feedConfig.jsonPath ?? '/feed.json'
    if (jsonPath) {
      files.push({
        path: toOutputPath(jsonPath),
        value: jsonFeed({ ...model, feedUrl: new URL(jsonPath, url) })
      })
    }
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
