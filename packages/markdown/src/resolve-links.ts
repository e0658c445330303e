import path from 'node:path'
import type { Root } from 'mdast'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'

const markdownFile = /^([^?#]*\.(?:md|markdown|mdx))([?#].*)?$/i

/**
 * Rewrite links to Markdown files (`./other-post.md#setup`) to the URL
 * `resolve` gives for the linked file; links it does not know are kept.
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
    visit(tree, (node) => {
      if (node.type !== 'link' && node.type !== 'definition') return
      const match = markdownFile.exec(node.url)
      if (!match?.[1] || /^[a-z][a-z\d+.-]*:/i.test(node.url) || node.url.startsWith('//')) return
      let target = match[1]
      try {
        target = decodeURI(target)
      } catch {
        // Keep a path with broken percent-encoding as written.
      }
      const from = file.path ? path.posix.dirname(file.path.replace(/\\/g, '/')) : '.'
      const resolved = target.startsWith('/') ? target.slice(1) : path.posix.join(from, target)
      const url = resolve(path.posix.normalize(resolved), file)
      if (url !== undefined) node.url = url + (match[2] ?? '')
    })
    return undefined
  }
}
