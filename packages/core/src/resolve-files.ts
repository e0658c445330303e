import type { VFile } from 'vfile'
import { dirnameOf, normalizePath } from './posix.js'

/** Routes key telling that a build has content files (`ContentFile`) to link to. */
export const filesKey = '\u0000files'

/** The URLs this plugin rewrote in a file, to the ones the file wrote. */
const writtenUrls = new WeakMap<VFile, Map<string, string>>()

/**
 * A URL of a render as its file wrote it: the one `remarkGalleyResolveFiles`
 * rewrote to `url` (`/posts/img/map.png` → `img/map.png`), else `url`.
 *
 * @param file
 *   File rendered.
 * @param url
 *   URL in its HTML.
 * @returns
 *   URL as written.
 */
export function writtenUrl(file: VFile, url: string): string {
  return writtenUrls.get(file)?.get(url) ?? url
}

/** A link to a Markdown file or its page: `resolveLink`'s, not this plugin's. */
const markdownLink = /\.(?:md|markdown|mdx|html?)$/i

/**
 * Rewrite relative links and images to files of the content folder
 * (`![map](img/map.png)` in `content/posts/trip.md`) to the URL each file
 * is published at (`/posts/img/map.png`), resolving them against the
 * linking file's folder, as GitHub renders them, whatever the page's URL.
 * `lookup` gives a file's URL (and notes the lookup: the render depends on
 * it); `active` tells whether the build has such files at all.
 *
 * @param lookup
 *   URL of a file by its path (relative to the working folder).
 * @param active
 *   Whether the file's build has content files.
 * @returns
 *   Transform.
 */
export function remarkGalleyResolveFiles(
  lookup: (path: string, file: VFile) => string | undefined,
  active: (file: VFile) => boolean
): (tree: object, file: VFile) => undefined {
  return (tree, file) => {
    if (!active(file)) return undefined
    const from = file.path ? dirnameOf(file.path.replace(/\\/g, '/')) : '.'
    const stack: unknown[] = [tree]
    while (stack.length > 0) {
      const node = stack.pop() as { type: string; url?: unknown; children?: unknown[] }
      if (node.children) for (const child of node.children) stack.push(child)
      if (node.type !== 'link' && node.type !== 'image' && node.type !== 'definition') continue
      const url = typeof node.url === 'string' ? node.url : ''
      // Relative paths only: no scheme, no `/`, no `#` or `?` alone.
      if (url === '' || /^(?:[a-z][a-z\d+.-]*:|[/#?])/i.test(url)) continue
      const match = /^([^?#]*)(.*)$/.exec(url) as RegExpExecArray
      let target = match[1] ?? ''
      if (target === '' || markdownLink.test(target)) continue
      try {
        target = decodeURI(target)
      } catch {
        continue
      }
      const found = lookup(normalizePath(`${from}/${target}`), file)
      if (found === undefined) continue
      const rewrote = found + (match[2] ?? '')
      node.url = rewrote
      let rewritten = writtenUrls.get(file)
      if (!rewritten) {
        rewritten = new Map()
        writtenUrls.set(file, rewritten)
      }
      if (!rewritten.has(rewrote)) rewritten.set(rewrote, url)
    }
    return undefined
  }
}
