import { lstatSync } from 'node:fs'
import path from 'node:path'
import type { BuildOptions, BuildResult, Galley } from '../galley.js'
import type { OutputFile } from '../output.js'
import type { GalleyConfig, PostSchema } from '../types.js'
import { readContentFile } from './load.js'
import { buildSite, type LoadedSite, loadSite, withDataFiles } from './site.js'

/** One build of a live site. */
export interface LiveBuild<D> {
  result: BuildResult<D>
  /** What the build read. */
  site: LoadedSite
  /** Whether the whole site was read and built (else: only changed posts, by `update`). */
  full: boolean
}

/** A site a long-lived host (a dev server) builds again and again. */
export interface LiveSite<D> {
  /**
   * Build: the whole site the first time, after `reload()`, and after a
   * change that alters the site's shape (a post added, removed or moved, a
   * data or `public/` file changed); else only the posts noted as changed,
   * with `galley.update`. Builds run one at a time.
   */
  build(): Promise<LiveBuild<D>>
  /**
   * Note files that changed on disk (absolute paths, or relative to `cwd`):
   * the next build reads them again.
   */
  changed(paths: Iterable<string>): void
  /** Read and build the whole site on the next build. */
  reload(): void
}

/**
 * A site built again after each change with as little work as the change
 * needs, for a dev server or a bundler's watch mode: what `loadSite` and
 * `buildSite` give, with a post whose edit keeps the site's shape read
 * again alone and put in place by `galley.update`. The result is the one a
 * full build would give (test: `live.test.ts`).
 *
 * @param galley
 *   Pipeline (give it a cache, or every full build renders every post).
 * @param config
 *   Configuration, for the folders `loadSite` reads.
 * @param options
 *   `cwd`, `assets`, `patterns` and `imageCache` as `loadSite`; `extraAssets`: files
 *   copied into the site beside `public/`'s (a theme's, such as KaTeX's
 *   stylesheet); `build`: options of every full build.
 * @returns
 *   Live site.
 */
export function createLiveSite<D>(
  galley: Galley<D>,
  config: Readonly<GalleyConfig<PostSchema>>,
  options?: {
    cwd?: string | null | undefined
    assets?: boolean | 'content' | null | undefined
    patterns?: ReadonlyArray<string> | null | undefined
    imageCache?: string | null | undefined
    extraAssets?: ReadonlyArray<OutputFile> | null | undefined
    build?: Readonly<Omit<BuildOptions, 'assets' | 'data'>> | null | undefined
  } | null
): LiveSite<D> {
  const cwd = path.resolve(options?.cwd ?? process.cwd())
  let last: LiveBuild<D> | undefined
  let whole = true
  const pending = new Set<string>()
  let queue: Promise<unknown> = Promise.resolve()

  const full = async (): Promise<LiveBuild<D>> => {
    const site = await loadSite(config, {
      cwd,
      assets: options?.assets,
      patterns: options?.patterns,
      imageCache: options?.imageCache
    })
    for (const asset of options?.extraAssets ?? []) site.assets.push(asset)
    return { result: await buildSite(galley, site, options?.build), site, full: true }
  }

  const step = async (): Promise<LiveBuild<D>> => {
    const changed = [...pending]
    pending.clear()
    const before = last
    if (whole || !before) {
      whole = false
      return full()
    }
    if (changed.length === 0) return before
    const known = new Map(before.site.files.map((file, index) => [file.path, index]))
    const files = [...before.site.files]
    const fresh = []
    for (const absolute of changed) {
      const index = known.get(path.relative(cwd, absolute))
      // Not a post of the last build (new, a data file, `public/`), or no
      // longer a plain file (removed, now a link): read everything again.
      if (index === undefined || !isPlainFile(absolute)) return full()
      const file = readContentFile(absolute, cwd)
      // Git's dates (`gitDates`) change with commits, not with edits.
      const dates = files[index]?.data.galleyFallbacks
      if (dates) file.data.galleyFallbacks = dates
      // own-key: `index` is an index.
      files[index] = file
      fresh.push(file)
    }
    const result = await galley.update(before.result, fresh)
    if (!result) return full()
    // Data files and their messages are as they were.
    return {
      result: withDataFiles(result, before.site),
      site: { ...before.site, files },
      full: false
    }
  }

  return {
    build() {
      const next = queue.then(step)
      queue = next.then(
        (built) => {
          last = built
        },
        () => {
          // A build that threw leaves nothing to build on.
          last = undefined
        }
      )
      return next
    },
    changed(paths) {
      for (const item of paths) pending.add(path.resolve(cwd, item))
    },
    reload() {
      whole = true
    }
  }
}

function isPlainFile(absolute: string): boolean {
  try {
    return lstatSync(absolute).isFile()
  } catch {
    return false
  }
}
