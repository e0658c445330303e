import { readFile } from 'node:fs/promises'
import path from 'node:path'
import rehypeParse from 'rehype-parse'
import { glob } from 'tinyglobby'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { checkLinks, type Options } from './check.js'
import { rehypeGalleyLinks } from './collect.js'

/**
 * Check a folder of built HTML, for sites Galley did not build: every page's
 * links against every file in the folder and every page's real ids. Messages
 * point at the line and column in the HTML files.
 *
 * @param dir
 *   Folder of the built site.
 * @param options
 *   `site`, `skip` (and `routes` for URLs served from elsewhere).
 * @returns
 *   One file per HTML page, with its messages.
 */
export async function checkSite(
  dir: string,
  options?: Readonly<Omit<Options, 'toUrl'>> | null
): Promise<VFile[]> {
  const root = path.resolve(dir)
  const all = (await glob(['**/*'], { cwd: root, onlyFiles: true, dot: false })).sort()
  const processor = unified().use(rehypeParse).use(rehypeGalleyLinks)
  const urls = new Map<VFile, string>()
  const files: VFile[] = []

  for (const relative of all.filter((file) => /\.html?$/i.test(file))) {
    const file = new VFile({
      path: relative,
      value: await readFile(path.join(root, relative), 'utf8')
    })
    await processor.run(processor.parse(file), file)
    urls.set(file, `/${relative.replace(/\\/g, '/')}`)
    files.push(file)
  }

  checkLinks(files, {
    ...options,
    routes: [...all.map((file) => `/${file.replace(/\\/g, '/')}`), ...(options?.routes ?? [])],
    toUrl: (file) => urls.get(file) ?? '/'
  })
  return files
}
