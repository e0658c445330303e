/** What is known of one local image file: read from its header, once per content. */
export interface ImageInfo {
  /** Width in pixels. */
  width: number
  /** Height in pixels. */
  height: number
  /** Format, as sharp names it (`jpeg`, `png`, `webp`, `avif`, `gif`, `svg`, `tiff`). */
  format: string
  /** Size of the file, in bytes. */
  bytes: number
  /**
   * Responsive copies (`ImageVariant`), when they are made (`responsive`
   * on, a raster image sharp could read): by format, narrowest first.
   */
  variants?: ImageVariant[] | undefined
  /** Why no variants could be made, when they were asked for and sharp failed. */
  variantsFailed?: string | undefined
  /** The URL to use instead of the one written (a remote image downloaded into the site). */
  src?: string | undefined
}

/** One responsive copy of an image. */
export interface ImageVariant {
  /** URL path it is published at (`/_galley/images/train-3f2a9c1d0e-640.webp`). */
  url: string
  /** Width in pixels (the `w` of `srcset`). */
  width: number
  /** Height in pixels. */
  height: number
  /** Format: `avif`, `webp`, `jpeg` or `png`. */
  format: VariantFormat
}

/** The formats variants are made in. */
export type VariantFormat = 'avif' | 'jpeg' | 'png' | 'webp'

/** An image file that is there but could not be read as an image. */
export interface ImageProblem {
  /** Why, in the reader's words (sharp's). */
  reason: string
}

/**
 * What a page's `src` names: an image, a file that is no image it can
 * read, or `undefined` when the site has no such file (a remote image, or
 * a missing one: the link checker reports those).
 */
export type ImageLookup = ImageInfo | ImageProblem | undefined

/** How remote images (`https://…`) are taken: as they are, with a warning, or downloaded once into the site. */
export type RemotePolicy = 'allow' | 'download' | 'warn'
