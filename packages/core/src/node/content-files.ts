import { readFile } from 'node:fs/promises'
import path from 'node:path'
import picomatch from 'picomatch'
import type { VFile } from 'vfile'
import type { ContentFile, DataCollection, GalleyConfig, PostSchema } from '../types.js'
import { bundleIndexes } from './bundles.js'
import { walkFolder } from './walk.js'

const markdown = /\.(?:md|markdown|mdx)$/i

/**
 * The other files of the content folder (`content/posts/img/map.png`):
 * not Markdown, not in a page bundle (those are its files), not a data
 * collection's, not in the folders of `skip` (the output folder). A build
 * copies those a published page links to (`BuildOptions.files`). Nothing
 * outside the content folder is read: a link that leads out of it, or a
 * special file, is left out.
 *
 * @param config
 *   Configuration: `collections` (data globs, relative to `root`).
 * @param root
 *   Content folder (absolute).
 * @param files
 *   The Markdown files loaded (paths relative to `cwd`).
 * @param cwd
 *   Folder paths are relative to.
 * @param skip
 *   Absolute paths of folders to leave out.
 * @param only
 *   The files to take, by name (default: all): images, for a host that
 *   copies files itself.
 * @returns
 *   Files, by path.
 */
export async function loadContentFiles(
  config: Readonly<Pick<GalleyConfig<PostSchema>, 'collections' | 'contentDir'>>,
  root: string,
  files: ReadonlyArray<VFile>,
  cwd: string,
  skip: ReadonlyArray<string>,
  only?: RegExp | undefined
): Promise<ContentFile[]> {
  const bundles = new Set(
    [...bundleIndexes(files, root, cwd).keys()].map((folder) =>
      path.relative(root, folder).split(path.sep).join('/')
    )
  )
  const data = Object.values(config.collections ?? {})
    .filter((collection): collection is DataCollection => collection.type === 'data')
    .flatMap((collection) =>
      typeof collection.glob === 'string' ? [collection.glob] : [...collection.glob]
    )
  const isData = data.length > 0 ? picomatch(data) : () => false
  const walked = await walkFolder(
    root,
    (relative) => {
      if (markdown.test(relative) || isData(relative)) return false
      if (only && !only.test(relative)) return false
      for (let at = relative.indexOf('/'); at !== -1; at = relative.indexOf('/', at + 1)) {
        if (bundles.has(relative.slice(0, at))) return false
      }
      return true
    },
    [...skip]
  )
  return Promise.all(
    walked.files.map(async ({ absolute }) => ({
      path: path.relative(cwd, absolute).split(path.sep).join('/'),
      value: await readFile(absolute)
    }))
  )
}
