import path from 'node:path'
import type { ImageInfo, ImageProblem } from '@galley/images'
import { resolveImages } from '@galley/images'
import {
  type ImageSource,
  type ImageStats,
  imageExtension,
  prepareImages
} from '@galley/images/node'
import type { VFile } from 'vfile'
import { bundleFilePath, contentFilePath } from '../content-files.js'
import type { OutputFile } from '../output.js'
import type { BundleFile, ContentFile, GalleyConfig, PostSchema } from '../types.js'

/** The images of a loaded site (`LoadedSite.images`). */
export interface LoadedImages {
  /** Each image by the key pages find it with (`BuildOptions.images`). */
  images: Map<string, ImageInfo | ImageProblem>
  /** Variants to publish, as content files with their own URL. */
  files: ContentFile[]
  /** The image work this load did. */
  stats: ImageStats
}

/**
 * Read the images of a site's content files, page bundles and assets
 * (`prepareImages`), each under the key a page's `src` finds it by: the
 * URL path of a content file or asset, the source path of a bundle's file.
 * Variants are made of the content folder's images only; those of
 * `public/` are published as they are, as Hugo leaves its `static/`.
 *
 * @returns
 *   Images and variants, or `undefined` when `images` is off.
 */
export async function loadImages(
  config: Readonly<GalleyConfig<PostSchema>>,
  site: {
    files: ReadonlyArray<VFile>
    contentFiles: ReadonlyArray<ContentFile>
    bundles: ReadonlyArray<BundleFile>
    assets: ReadonlyArray<OutputFile>
  },
  cacheDir: string | undefined,
  publish = true
): Promise<LoadedImages | undefined> {
  const resolved = resolveImages(config.images)
  if (!resolved) return undefined
  // A host that publishes no file of Galley's gets sizes, not variants or copies.
  const settings = publish ? resolved : { ...resolved, responsive: undefined }
  const aliases: Array<[string, string]> = []
  const sources: ImageSource[] = []
  for (const file of site.contentFiles) {
    if (!imageExtension.test(file.path)) continue
    // As pages name it: its URL (hashed with `hashFileNames`), decoded.
    const key =
      file.url === undefined ? `/${contentFilePath(file.path, config)}` : decodeURI(file.url)
    sources.push({ key, name: path.posix.basename(file.path), value: file.value })
    // Also by its source path: a host that does not rewrite links to
    // content files (Eleventy's) keeps them relative.
    aliases.push([file.path, key])
  }
  for (const file of site.bundles) {
    if (!imageExtension.test(file.path)) continue
    const key = bundleFilePath(file, file.published)
    sources.push({ key, name: path.posix.basename(file.path), value: file.value })
  }
  const taken = new Set(sources.map((source) => source.key))
  for (const asset of site.assets) {
    if (typeof asset.value === 'string' || !imageExtension.test(asset.path)) continue
    // A Jekyll site's folder is both: such a file is the content folder's.
    if (taken.has(`/${asset.path}`)) continue
    sources.push({
      key: `/${asset.path}`,
      name: path.posix.basename(asset.path),
      value: asset.value,
      variants: false
    })
  }
  const made = await prepareImages(sources, settings, {
    cacheDir,
    remote:
      publish && settings.remote === 'download' ? { urls: remoteImages(site.files) } : undefined
  })
  for (const [alias, key] of aliases) {
    const found = made.images.get(key)
    if (found && !made.images.has(alias)) made.images.set(alias, found)
  }
  return {
    images: made.images,
    files: made.files.map((file) => ({
      path: file.url.slice(1),
      url: file.url,
      value: file.value
    })),
    stats: made.stats
  }
}

/**
 * The remote images the Markdown files may show (`![a](https://…)`, and
 * `src="https://…"` in HTML and shortcodes), each once, from their text:
 * one found in a code block is downloaded too, and the page leaves it as
 * written. It reads every file's text, as a build renders it.
 */
function remoteImages(files: ReadonlyArray<VFile>): string[] {
  const found = new Set<string>()
  const pattern =
    /!\[[^\]\n]*\]\(\s*<?(https?:\/\/[^\s)>]+)|\bsrc\s*=\s*["']?(https?:\/\/[^\s"'>]+)/gi
  for (const file of files) {
    for (const match of String(file.value ?? '').matchAll(pattern)) {
      found.add((match[1] ?? match[2]) as string)
    }
  }
  return [...found].sort()
}
