import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { parsedText } from './text.js'

/** Text that may hold a link to a Markdown file or to its output (`linkedFile`). */
const mentionsMarkdown = /\.m(?:d|arkdown)|\.html?|&|\{%/i

/** A link to a file (`a.md`, `a.md#x`), or to the page it makes (`a.html`). */
const linkedFile = /^([^?#]*\.(md|markdown|mdx|html?))([?#].*)?$/i

/**
 * Rewrite links to Markdown files (`./other-post.md#setup`) to the URL
 * `resolve` gives for the linked file; links it does not know are kept. A
 * link to `other.html` (as Jekyll and many doc tools write links, against
 * the built output) goes to the page of `other.md` when there is one, and
 * is kept as written when there is none. Relative paths resolve against
 * the linking file's folder, as GitHub renders them. A link to a Markdown
 * file that `resolve` does not know is kept as written, and the file it
 * names goes in `file.data.galleyUnresolvedFiles` (URL as written → path),
 * so the link check can name the missing file rather than a URL.
 *
 * @param resolve
 *   Gets the linked file's path, resolved against the linking file's folder
 *   (relative to the working folder, as file paths are), or starting with
 *   `/` when written so (`/posts/a.md`: from the content folder, as Hugo
 *   reads it); returns its URL, or `undefined` when there is no such page.
 *   A link made from Hugo's `ref` shortcode that does not resolve against
 *   the page's folder is tried again from the content folder.
 * @returns
 *   Transform.
 */
export function remarkGalleyResolveLinks(
  resolve: (path: string, file: VFile) => string | undefined
): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    // A URL ends in `.md` (or `.html`) only as written (`\.md` too), by a
    // character reference (`&#46;md`) or from Jekyll's `{% post_url %}`:
    // without those, no link is to a file.
    const text = parsedText(tree, file)
    if (text !== undefined && !mentionsMarkdown.test(text)) return undefined
    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'definition') return
      const match = linkedFile.exec(node.url)
      if (!match?.[1] || /^[a-z][a-z\d+.-]*:/i.test(node.url) || node.url.startsWith('//')) return
      let target = /^html?$/i.test(match[2] ?? '') ? match[1].replace(/\.html?$/i, '.md') : match[1]
      try {
        target = decodeURI(target)
      } catch {
        // Keep a path with broken percent-encoding as written.
      }
      const from = file.path ? dirname(file.path.replace(/\\/g, '/')) : '.'
      const wanted = normalize(target.startsWith('/') ? target : `${from}/${target}`)
      let url = resolve(wanted, file)
      // Hugo's `ref`: relative to the page first, then from the content folder.
      if (url === undefined && isRef(node) && !target.startsWith('/')) {
        url = resolve(normalize(`/${target}`), file)
      }
      if (url !== undefined) node.url = url + (match[3] ?? '')
      else if (!/^html?$/i.test(match[2] ?? '')) {
        const unresolved = file.data.galleyUnresolvedFiles ?? Object.create(null)
        // own-key: a null-prototype record of the URLs as written.
        unresolved[node.url] = wanted
        file.data.galleyUnresolvedFiles = unresolved
      }
    })
    return undefined
  }
}

/** Whether a link was made from Hugo's `ref` or `relref` shortcode. */
function isRef(node: { data?: unknown }): boolean {
  return (node.data as { galleyRef?: unknown } | undefined)?.galleyRef === true
}

// POSIX path helpers, so this package needs no `node:path` (it runs anywhere).

function dirname(value: string): string {
  const index = value.lastIndexOf('/')
  return index === -1 ? '.' : index === 0 ? '/' : value.slice(0, index)
}

/** As `path.posix.normalize`: `.` and `..` resolved, a relative path may start with `..`. */
function normalize(value: string): string {
  const absolute = value.startsWith('/')
  const segments: string[] = []
  for (const segment of value.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment !== '..') segments.push(segment)
    else if (segments.length > 0 && segments.at(-1) !== '..') segments.pop()
    else if (!absolute) segments.push('..')
  }
  const joined = (absolute ? '/' : '') + segments.join('/')
  return joined || (absolute ? '/' : '.')
}
