import type { RemotePolicy, VariantFormat } from './types.js'

/** Responsive variants (`ImagesConfig.responsive`). */
export interface ResponsiveConfig {
  /** Widths to make, in pixels; none wider than the file (default: `[480, 960, 1920]`). */
  widths?: ReadonlyArray<number> | null | undefined
  /**
   * Formats to make, each a `<source>` (default: `['webp']`; AVIF is smaller
   * but about twenty times slower to encode: `['avif', 'webp']`).
   */
  formats?: ReadonlyArray<VariantFormat> | null | undefined
  /** Encoder quality, 1–100 (default: sharp's: 80 for WebP and JPEG, 50 for AVIF). */
  quality?: number | null | undefined
  /** The `sizes` of every `<source>` (default: `'100vw'`). */
  sizes?: string | null | undefined
}

/** What Galley does with the images of pages (`GalleyConfig.images`). */
export interface ImagesConfig {
  /** Responsive variants: `true` for the defaults, or which (default: off). */
  responsive?: boolean | Readonly<ResponsiveConfig> | null | undefined
  /** Whether an image without alt text is a warning (default: `true`). */
  alt?: boolean | null | undefined
  /** Bytes an image file may have before it is an `image-budget` warning (default: none). */
  budget?: number | null | undefined
  /** Remote images: `'allow'` (default), `'warn'`, or `'download'` once into the site's cache. */
  remote?: RemotePolicy | null | undefined
  /** Whether images after a page's first load lazily (default: `true`). */
  lazy?: boolean | null | undefined
  /** Pixels an image may have for variants to be made of it (default: sharp's, 268,402,689: 16,383²). */
  maxPixels?: number | null | undefined
}

/** `ImagesConfig` with every default decided. */
export interface ResolvedImages {
  responsive:
    | {
        widths: number[]
        formats: VariantFormat[]
        quality: number | undefined
        sizes: string
      }
    | undefined
  alt: boolean
  budget: number | undefined
  remote: RemotePolicy
  lazy: boolean
  maxPixels: number
}

const formats: ReadonlyArray<VariantFormat> = ['avif', 'jpeg', 'png', 'webp']
const policies: ReadonlyArray<RemotePolicy> = ['allow', 'download', 'warn']

/**
 * Decide every default of the image settings once, for every host (the
 * CLI, `galley dev`, the unplugin, Eleventy and Astro all call this):
 * `undefined` when images are off (`images: false`). Bad values throw a
 * `TypeError` naming them.
 *
 * @param config
 *   The config's `images` (optional).
 * @returns
 *   Settings, or `undefined`.
 */
export function resolveImages(
  config: Readonly<ImagesConfig> | boolean | null | undefined
): ResolvedImages | undefined {
  if (config === false) return undefined
  const settings: Readonly<ImagesConfig> = config === true || !config ? {} : config
  const remote = settings.remote ?? 'allow'
  if (!policies.includes(remote)) {
    throw new TypeError(
      `Expected \`images.remote\` to be \`'allow'\`, \`'warn'\` or \`'download'\`, not \`${String(remote)}\``
    )
  }
  const budget = settings.budget ?? undefined
  if (budget !== undefined && !(typeof budget === 'number' && budget > 0)) {
    throw new TypeError(
      `Expected \`images.budget\` to be a positive number of bytes, not \`${String(budget)}\``
    )
  }
  const maxPixels = settings.maxPixels ?? 268_402_689
  if (!(typeof maxPixels === 'number' && maxPixels > 0)) {
    throw new TypeError(
      `Expected \`images.maxPixels\` to be a positive number, not \`${String(maxPixels)}\``
    )
  }
  return {
    responsive: responsiveOf(settings.responsive),
    alt: settings.alt ?? true,
    budget,
    remote,
    lazy: settings.lazy ?? true,
    maxPixels
  }
}

function responsiveOf(value: ImagesConfig['responsive']): ResolvedImages['responsive'] {
  if (!value) return undefined
  const settings: Readonly<ResponsiveConfig> = value === true ? {} : value
  const widths = [...(settings.widths ?? [480, 960, 1920])]
  if (widths.length === 0 || widths.some((width) => !Number.isInteger(width) || width <= 0)) {
    throw new TypeError(
      `Expected \`images.responsive.widths\` to be positive whole numbers of pixels, not \`${JSON.stringify(settings.widths)}\``
    )
  }
  const wanted = [...(settings.formats ?? ['webp'])]
  if (wanted.length === 0 || wanted.some((format) => !formats.includes(format))) {
    throw new TypeError(
      `Expected \`images.responsive.formats\` to name \`avif\`, \`webp\`, \`jpeg\` or \`png\`, not \`${JSON.stringify(settings.formats)}\``
    )
  }
  const quality = settings.quality ?? undefined
  if (quality !== undefined && !(Number.isInteger(quality) && quality >= 1 && quality <= 100)) {
    throw new TypeError(
      `Expected \`images.responsive.quality\` to be a whole number from 1 to 100, not \`${String(quality)}\``
    )
  }
  return {
    widths: [...new Set(widths)].sort((a, b) => a - b),
    formats: [...new Set(wanted)],
    quality,
    sizes: settings.sizes ?? '100vw'
  }
}

/**
 * The widths to make of an image `width` pixels wide: each asked for
 * that is narrower, then the widest asked for or the image's own,
 * whichever is less (no image is made wider than it is).
 *
 * @param width
 *   The image's width.
 * @param widths
 *   Widths asked for, ascending.
 * @returns
 *   Widths, ascending.
 */
export function variantWidths(width: number, widths: ReadonlyArray<number>): number[] {
  const top = Math.min(width, widths[widths.length - 1] ?? width)
  return [...widths.filter((each) => each < top), top]
}
