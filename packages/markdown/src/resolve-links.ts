import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { parsedText } from './text.js'

/** Text that may hold a link to a Markdown file or to its output (`linkedFile`). */
const mentionsMarkdown = /\.m(?:d|arkdown)|\.html?|&/i

/** A link to a file (`a.md`, `a.md#x`), or to the page it makes (`a.html`). */
const linkedFile = /^([^?#]*\.(md|markdown|mdx|html?))([?#].*)?$/i

/**
 * Rewrite links to Markdown files (`./other-post.md#setup`) to the URL
 * `resolve` gives for the linked file; links it does not know are kept. A
 * link to `other.html` (as Jekyll and many doc tools write links, against
 * the built output) goes to the page of `other.md` when there is one, and
 * is kept as written when there is none. Relative paths resolve against
 * the linking file's folder, as GitHub renders them.
 *
 * @param resolve
 *   Gets the linked file's path, resolved against the linking file's folder.
 * @returns
 *   Transform.
 */
export function remarkGalleyResolveLinks(
  resolve: (path: string, file: VFile) => string | undefined
): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    // A URL ends in `.md` (or `.html`) only as written (`\.md` too) or by a
    // character reference (`&#46;md`): without those, no link is to a file.
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
      const resolved = target.startsWith('/') ? target.slice(1) : `${from}/${target}`
      const url = resolve(normalize(resolved), file)
      if (url !== undefined) node.url = url + (match[3] ?? '')
    })
    return undefined
  }
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
