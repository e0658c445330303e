import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import { VFile } from 'vfile'

/** Configuration for `loadContent`. */
export interface LoadOptions {
  /** Folder paths are reported relative to (default: `process.cwd()`). */
  cwd?: string | null | undefined
  /** Glob patterns of posts inside `dir` (default: `['**\/*.md']`). */
  patterns?: ReadonlyArray<string> | null | undefined
}

/**
 * Read every post under `dir` into a `VFile`, sorted by path. Paths are
 * relative to `cwd`, so messages print as `content/posts/a.md:3:7`.
 *
 * @param dir
 *   Content folder, relative to `cwd` or absolute.
 * @param options
 *   Configuration (optional).
 * @returns
 *   Files.
 */
export async function loadContent(
  dir: string,
  options?: Readonly<LoadOptions> | null
): Promise<VFile[]> {
  const cwd = path.resolve(options?.cwd ?? process.cwd())
  const root = path.resolve(cwd, dir)
  const found = await glob([...(options?.patterns ?? ['**/*.md'])], {
    cwd: root,
    absolute: true,
    onlyFiles: true,
    ignore: ['**/node_modules/**']
  })
  found.sort()
  return Promise.all(
    found.map(async (file) => {
      const value = await readFile(file, 'utf8')
      return new VFile({ cwd, path: path.relative(cwd, file), value })
    })
  )
}
