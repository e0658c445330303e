import type { Element, ElementContent, Properties, Root, RootContent } from 'hast'
import type { VFile } from 'vfile'
import { source } from './source.js'
import type { ImageInfo, ImageLookup, ImageProblem, ImageVariant, RemotePolicy } from './types.js'

/** Configuration for `rehypeGalleyImages`. */
export interface Options {
  /**
   * What a `src` on a page names (default: nothing is known, so only the
   * alt text and remote checks run). A host gives every local image its
   * `ImageInfo`: `@galley/images/node` reads them.
   */
  lookup?: ((src: string, file: VFile) => ImageLookup) | null | undefined
  /** Whether an image without alt text is an `image-alt` warning (default: `true`). */
  alt?: boolean | null | undefined
  /**
   * Bytes an image file may have; a larger one is an `image-budget`
   * warning at each place it is shown (default: no budget).
   */
  budget?: number | null | undefined
  /** Remote images: `'allow'` (default), `'warn'` (an `image-remote` warning), or `'download'` (the host's `lookup` gives the copy). */
  remote?: RemotePolicy | null | undefined
  /**
   * Whether images after the first of a page get `loading="lazy"` and
   * `decoding="async"` (default: `true`); the first is left to load at once,
   * as it is likely in view.
   */
  lazy?: boolean | null | undefined
  /** `sizes` of responsive variants (default: `'100vw'`). */
  sizes?: string | null | undefined
  /**
   * How messages name an image (default: its `src`): a host that rewrote
   * the `src` (Galley's, for a file of the content folder) gives the one
   * the page wrote.
   */
  shown?: ((src: string, file: VFile) => string) | null | undefined
}

const remoteUrl = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i

/**
 * Give the images of a page what a browser needs to lay them out before
 * they load and to load no more than it shows: `width` and `height` from
 * the file, `loading="lazy"` and `decoding="async"` after the first, and,
 * when the host made them, a `<picture>` with a `<source>` per variant
 * format (`srcset` and `sizes`). It checks alt text (an explicit `alt=""`
 * in HTML marks decoration), the size budget and remote images, with
 * warnings at each image's place. Attributes already written are kept.
 * Run it after sanitizing: what it adds comes from the files, not the page.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Transform.
 */
export function rehypeGalleyImages(
  options?: Readonly<Options> | null
): (tree: Root, file: VFile) => undefined {
  const settings = options || {}
  const lookup = settings.lookup || undefined
  const lazy = settings.lazy ?? true
  const checkAlt = settings.alt ?? true
  const budget = settings.budget ?? undefined
  const remote = settings.remote ?? 'allow'
  const sizes = settings.sizes ?? '100vw'
  const shown = settings.shown || undefined
  return (tree, file) => {
    let first = true
    // Document order (a pre-order walk), so the first image met is the page's first.
    const stack: Array<{ parent: Root | Element; index: number; inPicture: boolean }> = []
    const enter = (parent: Root | Element, inPicture: boolean) => {
      for (let index = parent.children.length - 1; index >= 0; index--) {
        stack.push({ parent, index, inPicture })
      }
    }
    enter(tree, false)
    while (stack.length > 0) {
      const { parent, index, inPicture } = stack.pop() as (typeof stack)[number]
      const node = parent.children[index] as RootContent
      if (node.type !== 'element') continue
      if (node.tagName !== 'img') {
        enter(node, inPicture || node.tagName === 'picture')
        continue
      }
      const context = { first, inPicture, lookup, lazy, checkAlt, budget, remote, sizes, shown }
      first = false
      const replaced = image(node, file, context)
      // own-key: `index` is an index.
      if (replaced !== node) parent.children[index] = replaced as ElementContent
    }
    return undefined
  }
}

interface Context {
  first: boolean
  inPicture: boolean
  lookup: ((src: string, file: VFile) => ImageLookup) | undefined
  lazy: boolean
  checkAlt: boolean
  budget: number | undefined
  remote: RemotePolicy
  sizes: string
  shown: ((src: string, file: VFile) => string) | undefined
}

function image(node: Element, file: VFile, context: Context): Element {
  const properties = node.properties
  const src = typeof properties.src === 'string' ? properties.src : undefined
  // The name messages give it: as the page wrote it.
  const name = src === undefined ? '' : (context.shown?.(src, file) ?? src)
  const place = node.position
  const missing = context.checkAlt ? missingAlt(node, file) : undefined
  if (missing) {
    const fix =
      missing === 'markdown'
        ? `write it in the brackets (\`![A train at dusk](${name})\`), or use \`<img alt="">\` if the image is decoration`
        : 'add `alt="A train at dusk"`, or `alt=""` if the image is decoration'
    file.message(
      `Unexpected image \`${name}\` without alt text, expected a description of it: ${fix}`,
      { place, ruleId: 'image-alt', source }
    )
  }
  if (context.lazy && !context.first) {
    if (properties.loading === undefined) properties.loading = 'lazy'
    if (properties.decoding === undefined) properties.decoding = 'async'
  }
  if (src === undefined) return node
  if (remoteUrl.test(src)) {
    if (context.remote === 'warn') {
      file.message(
        `Unexpected remote image \`${name}\`, expected a file of the site: save it beside the page, or set \`images.remote\` to \`'allow'\` or \`'download'\``,
        { place, ruleId: 'image-remote', source }
      )
    }
    if (context.remote !== 'download') return node
  }
  const found = context.lookup?.(src, file)
  if (found === undefined) return node
  if (isProblem(found) && remoteUrl.test(src)) {
    file.message(
      `Cannot download image \`${name}\`: ${found.reason.replace(/^cannot download it: /, '')}; it is left remote: fix the URL, or save the image beside the page`,
      { place, ruleId: 'image-download', source }
    )
    return node
  }
  if (isProblem(found)) {
    file.message(
      `Cannot read image \`${name}\`: ${found.reason}; replace it with a PNG, JPEG, WebP, AVIF, GIF or SVG file`,
      { place, ruleId: 'image-unreadable', source }
    )
    return node
  }
  if (found.src !== undefined) properties.src = found.src
  setSize(properties, found)
  if (context.budget !== undefined && found.bytes > context.budget) {
    file.message(
      `Unexpected image \`${name}\` of ${size(found.bytes)}, expected at most ${size(context.budget)} (\`images.budget\`): make it smaller, or turn on \`images.responsive\``,
      { place, ruleId: 'image-budget', source }
    )
  }
  if (found.variantsFailed !== undefined) {
    file.message(
      `Cannot make responsive variants of \`${name}\`: ${found.variantsFailed}; it is published as it is`,
      { place, ruleId: 'image-variants', source }
    )
  }
  const variants = found.variants ?? []
  if (variants.length === 0 || context.inPicture || properties.srcSet !== undefined) return node
  return picture(node, variants, context.sizes)
}

/**
 * Whether an image has no alt text: no `alt` at all (HTML), or an empty
 * one written in Markdown (`![](a.png)`), where an empty `alt` is the
 * only one there is; an explicit `alt=""` in HTML marks decoration.
 */
function missingAlt(node: Element, file: VFile): 'html' | 'markdown' | undefined {
  const alt = node.properties.alt
  const offset = node.position?.start.offset
  const markdown = offset !== undefined && String(file.value).startsWith('![', offset)
  if (alt === undefined || alt === null) return markdown ? 'markdown' : 'html'
  if (String(alt).trim() !== '' || !markdown) return undefined
  return 'markdown'
}

/** `width` and `height` from the file; one given alone keeps the file's ratio. */
function setSize(properties: Properties, info: ImageInfo): void {
  const width = pixels(properties.width)
  const height = pixels(properties.height)
  if (width === undefined && height === undefined) {
    properties.width = info.width
    properties.height = info.height
  } else if (height === undefined && width !== undefined && info.width > 0) {
    properties.height = Math.round((width * info.height) / info.width)
  } else if (width === undefined && height !== undefined && info.height > 0) {
    properties.width = Math.round((height * info.width) / info.height)
  }
}

function pixels(value: unknown): number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value)
  return undefined
}

/** `<picture>` with a `<source>` per variant format, best first, and the image as it was. */
function picture(node: Element, variants: ReadonlyArray<ImageVariant>, sizes: string): Element {
  const formats: string[] = []
  for (const variant of variants)
    if (!formats.includes(variant.format)) formats.push(variant.format)
  // AVIF before WebP before the rest: a browser takes the first it can show.
  const order = ['avif', 'webp', 'png', 'jpeg']
  formats.sort((a, b) => order.indexOf(a) - order.indexOf(b))
  const sources: Element[] = formats.map((format) => ({
    type: 'element',
    tagName: 'source',
    properties: {
      type: `image/${format}`,
      srcSet: variants
        .filter((variant) => variant.format === format)
        .map((variant) => `${variant.url} ${variant.width}w`)
        .join(', '),
      sizes
    },
    children: [],
    position: node.position
  }))
  return {
    type: 'element',
    tagName: 'picture',
    properties: {},
    children: [...sources, node],
    position: node.position
  }
}

function isProblem(found: ImageInfo | ImageProblem): found is ImageProblem {
  return 'reason' in found
}

function size(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`
  if (bytes < 1_000_000) return `${Math.round(bytes / 100) / 10} kB`
  return `${Math.round(bytes / 100_000) / 10} MB`
}
