import path from 'node:path'
import { resolveImages } from '@galley/images'
import { imageExtension } from '@galley/images/node'
import { VFile } from 'vfile'
import { foldersOf } from '../folders.js'
import type { BuildOptions, BuildResult, Galley, ResumeOptions } from '../galley.js'
import type { OutputFile } from '../output.js'
import { source } from '../source.js'
import type { BundleFile, ContentFile, DataEntry, GalleyConfig, PostSchema } from '../types.js'
import { listAssets, loadAssets } from './assets.js'
import { bundleIndexes, isBundleIndex, loadBundles } from './bundles.js'
import { loadContentFiles } from './content-files.js'
import { loadData } from './data.js'
import { readGitDates } from './git.js'
import { hashFileNames } from './hash-names.js'
import { type LoadedImages, loadImages } from './images.js'
import { loadContent } from './load.js'
import type { SavedSnapshot } from './snapshot.js'

/** What `loadSite` read. */
export interface LoadedSite {
  /** Markdown files of the content folder (with loader messages on refused ones). */
  files: VFile[]
  /** Files of `public/`, to copy as they are (none when `assets: false`). */
  assets: OutputFile[]
  /** The files of page bundles, to copy next to their pages (none when `assets: false`; see `loadBundles`). */
  bundles: BundleFile[]
  /** Entries of the data collections, by collection. */
  data: Record<string, DataEntry[]>
  /** The data files read, with their messages. */
  dataFiles: VFile[]
  /**
   * The other files of the content folder (`loadContentFiles`), copied when
   * a published page links to them (none when `assets: false`).
   */
  contentFiles: ContentFile[]
  /**
   * The images of the content files, bundles and assets, by the key pages
   * find them with, and the image work the load did (none from a warm
   * cache); `undefined` with `images: false`. Their variants are among
   * `contentFiles`, each with its `url`.
   */
  images: Omit<LoadedImages, 'files'> | undefined
  /**
   * With `assets: false`, the URL paths of `public/`'s files, which the host
   * copies itself: links and images to them are found (`BuildOptions.served`).
   */
  served: string[]
}

/**
 * Read a site as every host reads it: the content folder, `public/`, the
 * files of page bundles and the data collections, from the folders `foldersOf(config)` resolves against
 * `cwd`. The CLI (`build`, `check`, `dev`), the unplugin, the Eleventy
 * plugin and the Astro loader use it.
 *
 * @param config
 *   Configuration.
 * @param options
 *   `cwd` (default: `process.cwd()`), `assets: false` to leave
 *   `public/` and the content folder's other files unread (a bundler or
 *   another generator copies them itself; their images are read for
 *   their sizes), `assets: 'content'` to leave only `public/` to the host,
 *   `patterns` of the Markdown files to take and a `stats` file (as
 *   `loadContent`), and the `outDir` a build writes (default: the
 *   config's), which is not read when it is inside the content folder;
 *   with `gitDates`, a `gitCache` file keeps git's dates by commit, and an
 *   `imageCache` folder keeps what image work gave (`prepareImages`).
 * @returns
 *   What was read.
 */
export async function loadSite(
  config: Readonly<GalleyConfig<PostSchema>>,
  options?: {
    cwd?: string | null | undefined
    assets?: boolean | 'content' | null | undefined
    patterns?: ReadonlyArray<string> | null | undefined
    stats?: string | null | undefined
    outDir?: string | null | undefined
    gitCache?: string | null | undefined
    imageCache?: string | null | undefined
  } | null
): Promise<LoadedSite> {
  const cwd = path.resolve(options?.cwd ?? process.cwd())
  const folders = foldersOf(config)
  // An output folder inside the content folder (a Jekyll site's) is not read.
  const skip = [path.resolve(cwd, options?.outDir ?? folders.outDir)]
  // `public/` is the host's to copy (`assets: false` or `'content'`).
  const hostPublic = options?.assets === false || options?.assets === 'content'
  const [read, assets, loaded] = await Promise.all([
    loadContent(folders.contentDir, {
      cwd,
      patterns: options?.patterns,
      stats: options?.stats,
      skip
    }),
    hostPublic
      ? []
      : loadAssets(path.resolve(cwd, folders.publicDir), {
          exclude: config.publicExclude,
          skip
        }),
    loadData(config, { cwd })
  ])
  const root = path.resolve(cwd, folders.contentDir)
  const files = withoutBundleResources(read, root, cwd)
  // `'content'`: `public/` is the host's, the content folder's files Galley's.
  const ownFiles = options?.assets !== false
  const bundles = ownFiles ? await loadBundles(root, files, cwd, skip) : []
  const contentFiles = ownFiles ? await loadContentFiles(config, root, files, cwd, skip) : []
  const dataFiles = [...loaded.files]
  if (config.gitDates) {
    const history = await readGitDates(cwd, folders.contentDir, options?.gitCache)
    for (const file of files) {
      const dates = history.dates.get(String(file.path).split(path.sep).join('/'))
      if (dates) file.data.galleyFallbacks = { date: dates.created, updated: dates.updated }
    }
    if (history.problem) {
      // Said of the content folder: the dates of all its files are at stake.
      const report = new VFile({ cwd, path: folders.contentDir })
      report.message(history.problem.reason, { ruleId: history.problem.ruleId, source })
      dataFiles.push(report)
    }
  }
  if (config.hashFileNames && ownFiles) hashFileNames(config, contentFiles, bundles)
  // A host that copies `public/` itself: links and images to it are
  // found, and its images sized, from one walk of it.
  const sized = resolveImages(config.images) !== undefined
  const hosted = hostPublic
    ? await listAssets(
        path.resolve(cwd, folders.publicDir),
        { exclude: config.publicExclude, skip },
        sized ? imageExtension : undefined
      )
    : undefined
  // A host that copies the content folder's files too (`assets: false`)
  // still gets their images' sizes: those files are read for that alone.
  const images = await loadImages(
    config,
    {
      files,
      contentFiles: ownFiles
        ? contentFiles
        : sized
          ? await loadContentFiles(config, root, files, cwd, skip, imageExtension)
          : [],
      bundles: ownFiles
        ? bundles
        : sized
          ? await loadBundles(root, files, cwd, skip, imageExtension)
          : [],
      assets: hosted ? hosted.files : assets
    },
    options?.imageCache ? path.resolve(cwd, options.imageCache) : undefined,
    ownFiles
  )
  if (images) contentFiles.push(...images.files)
  return {
    files,
    assets,
    bundles,
    data: loaded.data,
    dataFiles,
    contentFiles,
    images: images && { images: images.images, stats: images.stats },
    served: hosted?.urls ?? []
  }
}

/**
 * The files without the Markdown files inside page bundles other than
 * their `index.md`: as Hugo reads them, those are resources of the bundle
 * (text its templates may read), not pages of their own. A headless
 * bundle's `index.md` (`headless: true`) is no page either.
 */
function withoutBundleResources(files: VFile[], root: string, cwd: string): VFile[] {
  const bundles = bundleIndexes(files, root, cwd)
  if (bundles.size === 0) return files
  return files.filter((file) => {
    if (!file.path) return true
    if (isBundleIndex(file.path)) {
      const folder = path.dirname(path.resolve(cwd, file.path))
      return !(bundles.get(folder) === file && headless(String(file.value ?? '')))
    }
    for (let folder = path.dirname(path.resolve(cwd, file.path)); folder.length > root.length; ) {
      if (bundles.has(folder)) return false
      const up = path.dirname(folder)
      if (up === folder) break
      folder = up
    }
    return true
  })
}

/** Whether front matter says `headless: true` (YAML, or `headless = true` in TOML). */
function headless(text: string): boolean {
  const end = text.search(/\n(?:---|\+\+\+)[ \t]*\r?(?:\n|$)/)
  return /^headless[ \t]*[:=][ \t]*true[ \t]*\r?$/m.test(end === -1 ? '' : text.slice(0, end))
}

/**
 * Build a loaded site: `galley.build` with its assets and data, and the
 * data files' messages in the result (a data file that fails fails the
 * build).
 *
 * @returns
 *   The build's result.
 */
export async function buildSite<D>(
  galley: Galley<D>,
  site: Readonly<LoadedSite>,
  options?: Readonly<Omit<BuildOptions, 'assets' | 'bundles' | 'data'>> | null
): Promise<BuildResult<D>> {
  const result = await galley.build(site.files, {
    ...options,
    assets: site.assets,
    bundles: site.bundles,
    files: site.contentFiles,
    images: site.images?.images,
    served: site.served,
    data: site.data
  })
  return withDataFiles(result, site)
}

/**
 * Build a loaded site from the snapshot of an earlier build
 * (`readSnapshot`): `galley.resume` with its assets and data, and the data
 * files' messages in the result, as `buildSite`.
 *
 * @returns
 *   The build's result, or `undefined` when the snapshot does not fit (then
 *   call `buildSite`).
 */
export async function resumeSite<D>(
  galley: Galley<D>,
  saved: Readonly<SavedSnapshot>,
  site: Readonly<LoadedSite>,
  options?: Readonly<Pick<ResumeOptions, 'most'>> | null
): Promise<BuildResult<D> | undefined> {
  const result = await galley.resume(saved.snapshot, site.files, {
    ...options,
    assets: site.assets,
    bundles: site.bundles,
    files: site.contentFiles,
    served: site.served,
    data: site.data,
    text: saved.text
  })
  return result && withDataFiles(result, site)
}

/**
 * Give a result the data files that have messages after its own files (in
 * a new list: the pipeline keeps its own for `update`), and fail it when
 * one of them fails.
 *
 * @returns
 *   `result`.
 */
export function withDataFiles<D>(
  result: BuildResult<D>,
  site: Readonly<Pick<LoadedSite, 'dataFiles'>>
): BuildResult<D> {
  const noted = site.dataFiles.filter((file) => file.messages.length > 0)
  if (noted.length === 0) return result
  result.files = [...result.files, ...noted]
  if (noted.some((file) => file.messages.some((message) => message.fatal))) result.ok = false
  return result
}
