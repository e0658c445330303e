import path from 'node:path'
import {
  type BuildResult,
  type CachedRender,
  type ContentCache,
  createGalley,
  type OutputFile,
  type Page
} from '@galley/core'
import { createLiveSite, type LiveBuild, type LiveSite } from '@galley/core/node'
import type { VFile } from 'vfile'
import type { Options } from './options.js'

/** A build of the whole content folder, as the bundler sees it. */
export interface SiteBuild {
  result: BuildResult<unknown>
  /** Pages by absolute file path. */
  byFile: Map<string, Page<unknown>>
  /** Every file with messages: posts, pages, data files. */
  files: VFile[]
  /** Every file by absolute path. */
  fileOf: Map<string, VFile>
  /** Absolute paths of every file read, for the bundler to watch. */
  watched: string[]
  /** Feeds and the sitemap, to emit as assets. */
  assets: OutputFile[]
}

/**
 * Build the content folder on demand, and again after a change: the first
 * build reads and renders everything; after `invalidate(file)` of a post,
 * the next build reads that post alone and puts it in place when the site
 * keeps its shape (`createLiveSite`), else builds everything again.
 *
 * @param options
 *   Plugin options.
 * @returns
 *   Accessors.
 */
export function siteBuilder(options: Readonly<Options>): {
  get(root: string, drafts: boolean): Promise<SiteBuild>
  /** A file changed (`undefined`: something else did, build everything again). */
  invalidate(file?: string | undefined): void
} {
  let pending: Promise<SiteBuild> | undefined
  let key = ''
  let live: LiveSite<unknown> | undefined
  // Renders kept between builds: after an edit, only that file renders again.
  const renders = new Map<string, CachedRender>()
  const cache: ContentCache = {
    get: (id) => renders.get(id),
    set: (id, value) => void renders.set(id, value)
  }
  return {
    get(root, drafts) {
      const next = `${root}\u0000${drafts}`
      if (!live || key !== next) {
        key = next
        live = liveSite(options, root, drafts, cache)
        pending = undefined
      }
      if (!pending) pending = live.build().then((built) => toSiteBuild(built, root))
      return pending
    },
    invalidate(file) {
      pending = undefined
      if (file === undefined) live?.reload()
      else live?.changed([file])
    }
  }
}

function liveSite(
  options: Readonly<Options>,
  root: string,
  drafts: boolean,
  cache: ContentCache
): LiveSite<unknown> {
  const galley = createGalley({
    ...options,
    drafts,
    cache: options.cache ?? cache,
    // Layouts are the bundler's business (links are checked offline: `build` never goes online).
    layouts: undefined
  })
  // `public/` is the bundler's to copy; the files beside posts (images,
  // their variants) are emitted with the feeds.
  return createLiveSite(galley as never, options, {
    cwd: root,
    assets: 'content',
    imageCache: path.join(root, '.cache', 'galley', 'images')
  })
}

function toSiteBuild({ result, site }: LiveBuild<unknown>, root: string): SiteBuild {
  const byFile = new Map<string, Page<unknown>>()
  for (const page of [...result.pages, ...Object.values(result.entries).flat()]) {
    byFile.set(path.resolve(root, page.file.path), page as Page<unknown>)
  }
  const all = [...new Set([...result.files, ...site.dataFiles])]
  return {
    result,
    fileOf: new Map(all.map((file) => [path.resolve(root, file.path), file])),
    byFile,
    files: all,
    watched: [...site.files, ...site.dataFiles].map((file) => path.resolve(root, file.path)),
    // Without layouts, what is not a redirect page is a feed or the sitemap.
    assets: result.outputs.filter((output) => !output.path.endsWith('.html'))
  }
}
