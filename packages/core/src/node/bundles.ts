import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { VFile } from 'vfile'
import { source } from '../source.js'
import type { BundleFile } from '../types.js'
import { walkFolder } from './walk.js'

const leaf = /^index\.(?:md|markdown)$/i
const markdown = /\.(?:md|markdown|mdx)$/i

/**
 * The files of each page bundle (as Hugo calls a folder whose page is its
 * `index.md`, below the top of the content folder): every file beside the
 * page and in its subfolders that is not Markdown (`trip/photo.jpg`,
 * `trip/img/map.png`), to copy next to the page wherever its URL puts it.
 * A file inside a bundle nested in another belongs to the nearer one.
 * Nothing outside the content folder is read: a link that leads out of it
 * (or a special file) is not copied, and its page gets a fatal
 * `link-outside` (or `not-a-file`) message.
 *
 * @param root
 *   Content folder (absolute).
 * @param files
 *   The Markdown files loaded from it (paths relative to `cwd`).
 * @param cwd
 *   Folder the files' paths are relative to.
 * @param skip
 *   Absolute paths of folders to leave out (the output folder).
 * @param only
 *   The files to take, by name (default: all): images, for a host that
 *   copies files itself.
 * @returns
 *   Bundle files, by page and path.
 */
export async function loadBundles(
  root: string,
  files: ReadonlyArray<VFile>,
  cwd: string,
  skip?: ReadonlyArray<string> | undefined,
  only?: RegExp | undefined
): Promise<BundleFile[]> {
  const bundles = bundleIndexes(files, root, cwd)
  if (bundles.size === 0) return []
  const found: BundleFile[] = []
  for (const [folder, page] of bundles) {
    // A file in a bundle nested in this one is that bundle's: each folder
    // on its way is looked up once, not every bundle for every file.
    const walked = await walkFolder(
      folder,
      (relative) => {
        if (markdown.test(relative)) return false
        if (only && !only.test(relative)) return false
        for (let at = relative.indexOf('/'); at !== -1; at = relative.indexOf('/', at + 1)) {
          if (bundles.has(path.join(folder, relative.slice(0, at)))) return false
        }
        return true
      },
      skip
    )
    for (const refused of walked.refused) {
      const link = refused.reason !== 'it is not a regular file'
      const message = page.message(
        `Refusing to copy \`${path.posix.join(path.dirname(String(page.path)).split(path.sep).join('/'), refused.relative)}\` beside the page: ${refused.reason}; ${link ? 'copy the file into the bundle instead of linking to it' : 'replace it with a regular file'}`,
        { ruleId: link ? 'link-outside' : 'not-a-file', source }
      )
      message.fatal = true
    }
    for (const { relative, absolute } of walked.files) {
      found.push({ owner: String(page.path), path: relative, value: await readFile(absolute) })
    }
  }
  return found
}

/**
 * The page bundles among loaded files: each folder below the top of the
 * content folder whose page is its `index.md`, by absolute path.
 *
 * @param files
 *   Markdown files (paths relative to `cwd`).
 * @param root
 *   Content folder (absolute).
 * @param cwd
 *   Folder the files' paths are relative to.
 * @returns
 *   The bundle's page, by folder.
 */
export function bundleIndexes(
  files: ReadonlyArray<VFile>,
  root: string,
  cwd: string
): Map<string, VFile> {
  const bundles = new Map<string, VFile>()
  for (const file of files) {
    if (!file.path || !isBundleIndex(file.path)) continue
    const folder = path.dirname(path.resolve(cwd, file.path))
    if (folder !== root) bundles.set(folder, file)
  }
  return bundles
}

/** Whether a file is a bundle's page by its name (`index.md`). */
export function isBundleIndex(file: string): boolean {
  return leaf.test(path.basename(file))
}
