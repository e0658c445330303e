import path from 'node:path'
import {
  type BuildResult,
  type CachedRender,
  type ContentCache,
  createGalley,
  type OutputFile,
  type Page
} from '@galley/core'
import { loadSite } from '@galley/core/node'
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
 * Build the whole content folder once, on demand; `invalidate()` drops it
 * after a content file changes, so the next request builds again.
 *
 * @param options
 *   Plugin options.
 * @returns
 *   Accessors.
 */
export function siteBuilder(options: Readonly<Options>): {
  get(root: string, drafts: boolean): Promise<SiteBuild>
  invalidate(): void
} {
  let pending: Promise<SiteBuild> | undefined
  let key = ''
  // Renders kept between builds: after an edit, only that file renders again.
  const renders = new Map<string, CachedRender>()
  const cache: ContentCache = {
    get: (id) => renders.get(id),
    set: (id, value) => void renders.set(id, value)
  }
  return {
    get(root, drafts) {
      const next = `${root}\u0000${drafts}`
      if (!pending || key !== next) {
        key = next
        pending = build(options, root, drafts, cache)
      }
      return pending
    },
    invalidate() {
      pending = undefined
    }
  }
}

async function build(
  options: Readonly<Options>,
  root: string,
  drafts: boolean,
  cache: ContentCache
): Promise<SiteBuild> {
  const galley = createGalley({
    ...options,
    drafts,
    cache: options.cache ?? cache,
    // Layouts are the bundler's business (links are checked offline: `build` never goes online).
    layouts: undefined
  })
  // `public/` is the bundler's to copy.
  const loaded = await loadSite(options, { cwd: root, assets: false })
  const files = loaded.files
  const result = await galley.build(files, { data: loaded.data })
  const byFile = new Map<string, Page<unknown>>()
  for (const page of [...result.pages, ...Object.values(result.entries).flat()]) {
    byFile.set(path.resolve(root, page.file.path), page as Page<unknown>)
  }
  const all = [...result.files, ...loaded.dataFiles]
  return {
    result: result as BuildResult<unknown>,
    fileOf: new Map(all.map((file) => [path.resolve(root, file.path), file])),
    byFile,
    files: all,
    watched: [...files, ...loaded.dataFiles].map((file) => path.resolve(root, file.path)),
    // Without layouts, what is not a redirect page is a feed or the sitemap.
    assets: result.outputs.filter((output) => !output.path.endsWith('.html'))
  }
}
