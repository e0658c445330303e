import type { ImageInfo, ImageProblem } from '@galley/images'
import type { VFile } from 'vfile'
import { dirnameOf, normalizePath } from './posix.js'

/** The routes key of an image's info (`BuildOptions.images`), so renders depend on it. */
export function imageRoute(key: string): string {
  return `\u0000image:${key}`
}

const remote = /^(?:[a-z][a-z\d+.-]*:|\/\/)/i

/**
 * The key of the image a page's `src` names: its URL path when it starts
 * with `/` (a content file's, as links to them are rewritten, or an
 * asset's), else its source path beside the page (a bundle's file),
 * decoded and without query or fragment; an `http(s)` URL as it is (a
 * downloaded copy's); `undefined` for another scheme.
 *
 * @param src
 *   The `src` as the page has it.
 * @param file
 *   The page.
 * @returns
 *   Key (`BuildOptions.images`).
 */
export function imageKey(src: string, file: VFile): string | undefined {
  // A remote image downloaded (`images.remote: 'download'`) is known by its URL.
  if (/^https?:\/\//i.test(src)) return src
  if (remote.test(src)) return undefined
  let path = src.replace(/[?#].*$/, '')
  try {
    path = decodeURI(path)
  } catch {
    return undefined
  }
  if (path === '') return undefined
  if (path.startsWith('/')) return path
  const from = file.path ? dirnameOf(file.path.replace(/\\/g, '/')) : '.'
  return normalizePath(`${from}/${path}`)
}

/** Images as routes hold them, read once per value. */
const parsed = new Map<string, ImageInfo | ImageProblem>()

/**
 * The image a route value holds (`JSON.stringify` of its info), parsed
 * once however many pages show it.
 */
export function imageOf(value: string): ImageInfo | ImageProblem {
  let found = parsed.get(value)
  if (!found) {
    found = JSON.parse(value) as ImageInfo | ImageProblem
    // Bounded: a long-lived host (`galley dev`) sees many versions.
    if (parsed.size > 10_000) parsed.clear()
    parsed.set(value, found)
  }
  return found
}
