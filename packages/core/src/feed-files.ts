import { feedPaths, writeFeeds } from './feeds.js'
import type { OutputFile } from './output.js'
import { isPublished } from './publish.js'
import { sortNewestFirst } from './site.js'
import { gatherTerms, taxonomyPatterns } from './taxonomies.js'
import type { GalleyConfig, Page, PostData, PostSchema } from './types.js'

/**
 * The feeds of a site whose pages another tool laid out (Eleventy, Astro):
 * the publishing rules of `config` (drafts, scheduled and expired posts at
 * `now`), newest first, then RSS, Atom and JSON Feed, and an RSS feed per
 * term of each taxonomy, as `build` writes them. Each page's `url` is where
 * that tool published it.
 *
 * @param pages
 *   Rendered posts.
 * @param config
 *   Configuration: `site`, `title`, `description`, `language`, `feed`,
 *   `taxonomies`, the publishing rules.
 * @returns
 *   Files to write into the output folder (none with `feed: false`).
 */
export function createFeeds<D extends PostData>(
  pages: ReadonlyArray<Page<D>>,
  config: Readonly<GalleyConfig<PostSchema>>
): OutputFile[] {
  const paths = feedPaths(config.feed)
  if (!paths) return []
  const url = new URL(config.site)
  const now = config.now ?? new Date()
  const published = sortNewestFirst(pages.filter((page) => isPublished(page.data, config, now)))
  const terms = Object.values(gatherTerms(published, taxonomyPatterns(config.taxonomies))).flat()
  return writeFeeds(published, terms, paths, config.feed || {}, {
    url,
    title: config.title || url.hostname,
    description: config.description ?? undefined,
    language: config.language ?? undefined
  })
}
