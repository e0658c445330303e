import { createHash } from 'node:crypto'
import { availableParallelism } from 'node:os'
import sharp from 'sharp'
import { type ResolvedImages, variantWidths } from '../options.js'
import type { ImageInfo, ImageProblem, ImageVariant, VariantFormat } from '../types.js'
import { openImageCache, type Probe } from './cache.js'
import { type DownloadOptions, downloadImage } from './download.js'

/** One image file of a site, as a host read it. */
export interface ImageSource {
  /** How pages' `src` find it (the host's key: a URL path or a source path). */
  key: string
  /** Its file name (`train.jpg`): the variants are named after it. */
  name: string
  /** Bytes. */
  value: Uint8Array
  /** Whether to make its variants with `responsive` on (default: `true`): a host's static files may be published as they are. */
  variants?: boolean | undefined
  /**
   * Whether to publish the file itself among `files`, at
   * `/_galley/images/<name>-<hash>.<ext>` given as its `ImageInfo.src` (a
   * downloaded remote image's copy; default: `false`).
   */
  publish?: boolean | undefined
}

/** A variant to publish. */
export interface VariantFile {
  /** URL path (`/_galley/images/train-3f2a9c1d0e-640.webp`). */
  url: string
  /** Bytes. */
  value: Uint8Array
}

/** How much image work a call did: none, when everything came from the cache. */
export interface ImageStats {
  /** Files whose header sharp read. */
  probed: number
  /** Variants encoded. */
  encoded: number
  /** Files whose variants could not be made. */
  failed: number
  /** Remote images fetched over the network (not from the cache). */
  downloaded: number
}

/** What `prepareImages` gave. */
export interface PreparedImages {
  /** Each image by its key: what a page's `lookup` gives. */
  images: Map<string, ImageInfo | ImageProblem>
  /** The variants to publish, each once. */
  files: VariantFile[]
  stats: ImageStats
}

/** Options of `prepareImages`. */
export interface PrepareOptions {
  /** Folder to keep probes and variants in, by content (default: none: every call does the work). */
  cacheDir?: string | null | undefined
  /** Images worked on at once (default: the machine's cores). */
  concurrency?: number | null | undefined
  /**
   * Remote images to download once into the cache (`images.remote:
   * 'download'`), by URL: each is then an image like the others, under its
   * URL, published as a copy (`ImageInfo.src`); one that cannot be had is
   * an `ImageProblem` saying why (default: none).
   */
  remote?: (DownloadOptions & { urls: Iterable<string> }) | null | undefined
}

/** The extensions read as images. */
export const imageExtension: RegExp = /\.(?:avif|gif|jpe?g|png|svg|tiff?|webp)$/i

/** Formats variants are made from (not GIF, which may move, nor SVG, which scales). */
const raster = new Set(['avif', 'heif', 'jpeg', 'png', 'tiff', 'webp'])

const extensions: Readonly<Record<VariantFormat, string>> = {
  avif: 'avif',
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp'
}

/**
 * Read every image of a site once: its size and format from the header
 * (`width`, `height`, with the EXIF orientation applied), and, with
 * `settings.responsive`, its variants in each width and format, encoded
 * by sharp. Both are kept in `cacheDir` by the file's content (and the
 * settings), so a later call with the same files does no image work. A
 * file sharp cannot read is an `ImageProblem`; one whose variants fail
 * (a truncated JPEG, more pixels than `maxPixels`) keeps its size and
 * says why in `variantsFailed`. Sharp encodes on libuv's threads, off the
 * JavaScript thread; `concurrency` images are worked on at once.
 *
 * @param sources
 *   Image files.
 * @param settings
 *   Resolved settings (`resolveImages`).
 * @param options
 *   Cache folder and concurrency (optional).
 * @returns
 *   Each image's info, the variant files, and the work done.
 */
export async function prepareImages(
  sources: Iterable<ImageSource>,
  settings: Readonly<ResolvedImages>,
  options?: Readonly<PrepareOptions> | null
): Promise<PreparedImages> {
  const cache = await openImageCache(
    options?.cacheDir ?? undefined,
    // The record's own version first: a change of what it keeps (a reason's wording) reads none of the old.
    `2 ${sharp.versions.sharp ?? ''} ${sharp.versions.vips}`
  )
  const stats: ImageStats = { probed: 0, encoded: 0, failed: 0, downloaded: 0 }
  const images = new Map<string, ImageInfo | ImageProblem>()
  const files = new Map<string, VariantFile>()
  const responsive = settings.responsive
  const recipe = responsive
    ? JSON.stringify([
        responsive.widths,
        responsive.formats,
        responsive.quality,
        settings.maxPixels
      ])
    : ''
  const queue = [...sources]
  const workers = Math.max(1, options?.concurrency ?? availableParallelism())
  const remote = options?.remote
  if (remote) {
    const urls = [...new Set(remote.urls)]
    const got = await inTurn(urls, workers, (url) => downloadImage(url, cache, remote))
    for (const [index, url] of urls.entries()) {
      const result = got[index] as Awaited<ReturnType<typeof downloadImage>>
      if ('reason' in result) {
        images.set(url, { reason: `cannot download it: ${result.reason}` })
        continue
      }
      if (result.fetched) stats.downloaded++
      const name = decodeURIComponent(new URL(url).pathname.split('/').pop() || 'remote')
      queue.push({ key: url, name, value: result.value, publish: true })
    }
  }
  const one = async (item: ImageSource) => {
    const digest = createHash('sha256').update(item.value).digest('hex')
    let probe = cache.probe(digest)
    if (!probe) {
      probe = await probeImage(item.value)
      stats.probed++
      cache.setProbe(digest, probe)
    }
    if ('reason' in probe) {
      images.set(item.key, probe)
      return
    }
    const info: ImageInfo = { ...probe, bytes: item.value.byteLength }
    images.set(item.key, info)
    if (item.publish) {
      const url = `/_galley/images/${stemOf(item.name)}-${digest.slice(0, 10)}.${extensionOf(probe.format)}`
      files.set(url, { url, value: item.value })
      info.src = url
    }
    if (!responsive || item.variants === false || !raster.has(probe.format)) return
    const id = createHash('sha256').update(digest).update(recipe).digest('hex').slice(0, 10)
    const stem = stemOf(item.name)
    const nameOf = (variant: Omit<ImageVariant, 'url'>) =>
      `${stem}-${id}-${variant.width}.${extensions[variant.format]}`
    let made = cache.made(id)
    let bytes: Array<Uint8Array | undefined> = []
    if (made && 'variants' in made) {
      bytes = await Promise.all(made.variants.map((variant) => cache.read(nameOf(variant))))
    }
    if (!made || ('variants' in made && bytes.some((value) => value === undefined))) {
      const pixels = probe.width * probe.height
      // Said before sharp would refuse it, in the settings' words.
      const encoded =
        pixels > settings.maxPixels
          ? {
              failed: `it has ${pixels.toLocaleString('en')} pixels (${probe.width} × ${probe.height}), more than \`images.maxPixels\` allows (${settings.maxPixels.toLocaleString('en')})`
            }
          : await encode(item.value, probe.width, responsive, settings.maxPixels)
      if ('failed' in encoded) made = encoded
      else {
        made = { variants: encoded.variants.map(({ value: _, ...variant }) => variant) }
        bytes = encoded.variants.map((variant) => variant.value)
        await Promise.all(
          encoded.variants.map((variant) => cache.write(nameOf(variant), variant.value))
        )
        stats.encoded += encoded.variants.length
      }
      cache.setMade(id, made)
    }
    if ('failed' in made) {
      stats.failed++
      info.variantsFailed = made.failed
      return
    }
    info.variants = made.variants.map((variant, index) => {
      const url = `/_galley/images/${nameOf(variant)}`
      files.set(url, { url, value: bytes[index] as Uint8Array })
      return { url, ...variant }
    })
  }
  await inTurn(queue, workers, one)
  await cache.save()
  return {
    images,
    files: [...files.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)),
    stats
  }
}

/**
 * Read an image's header: its format and size, as shown (EXIF rotation
 * applied). Reads no pixels, so a header that claims 20,000 × 20,000
 * costs nothing.
 */
export async function probeImage(value: Uint8Array): Promise<Probe> {
  try {
    const metadata = await sharp(value, { limitInputPixels: false }).metadata()
    const width = metadata.autoOrient?.width ?? metadata.width
    const height = metadata.autoOrient?.height ?? metadata.height
    if (!width || !height) return { reason: 'it has no width and height' }
    return { width, height, format: metadata.format }
  } catch (error) {
    return { reason: reasonOf(error) }
  }
}

async function encode(
  value: Uint8Array,
  width: number,
  responsive: NonNullable<ResolvedImages['responsive']>,
  maxPixels: number
): Promise<
  { variants: Array<Omit<ImageVariant, 'url'> & { value: Uint8Array }> } | { failed: string }
> {
  try {
    const input = sharp(value, { limitInputPixels: maxPixels }).autoOrient()
    const variants: Array<Omit<ImageVariant, 'url'> & { value: Uint8Array }> = []
    for (const format of responsive.formats) {
      for (const target of variantWidths(width, responsive.widths)) {
        const quality = responsive.quality === undefined ? {} : { quality: responsive.quality }
        const { data, info } = await input
          .clone()
          .resize({ width: target, withoutEnlargement: true })
          .toFormat(format, quality)
          .toBuffer({ resolveWithObject: true })
        variants.push({ width: info.width, height: info.height, format, value: data })
      }
    }
    return { variants }
  } catch (error) {
    return { failed: decodeFailure(error) }
  }
}

/**
 * Why pixels could not be decoded, the same each time: libvips reports a
 * file cut short either by its own warning (`VipsJpeg: premature end of
 * JPEG image`) or by sharp's (`Warning treated as error due to failOn
 * setting`), whichever of its threads speaks first.
 */
function decodeFailure(error: unknown): string {
  const reason = reasonOf(error)
  return /Warning treated as error|premature end|truncated|corrupt|read error/i.test(reason)
    ? 'its pixels are cut off or corrupt'
    : reason
}

/** Call `work` on each item, `most` at a time; results in input order. */
async function inTurn<T, R>(
  items: ReadonlyArray<T>,
  most: number,
  work: (item: T) => Promise<R>
): Promise<R[]> {
  const results: R[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(most, items.length) }, async () => {
      while (next < items.length) {
        const index = next++
        // own-key: `index` is an index.
        results[index] = await work(items[index] as T)
      }
    })
  )
  return results
}

/** The extension of a file of a format sharp names (`jpeg` → `jpg`, `heif` → `avif`). */
function extensionOf(format: string): string {
  if (format === 'jpeg') return 'jpg'
  if (format === 'heif') return 'avif'
  return format.replace(/[^a-z\d]/g, '') || 'img'
}

/** A file name as a URL-safe stem: `Train at Dusk.JPG` → `train-at-dusk`. */
function stemOf(name: string): string {
  const stem = name
    .replace(/\.[^.]*$/, '')
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z\d]+/g, '-')
    .replace(/^-+|-+$/g, '')
  return stem.slice(0, 60) || 'image'
}

function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.replace(/\s+/g, ' ').trim().replace(/\.$/, '')
}
