import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'
import type { OutputFile } from '../output.js'

/**
 * Read every file of a folder (such as `public/`) as an asset to copy into
 * the site at the same path. A missing folder has no assets.
 *
 * @param dir
 *   Folder.
 * @returns
 *   Assets, sorted by path.
 */
export async function loadAssets(dir: string): Promise<OutputFile[]> {
  const root = path.resolve(dir)
  const found = await glob(['**/*'], { cwd: root, onlyFiles: true, dot: false }).catch(() => [])
  found.sort()
  return Promise.all(
    found.map(async (file) => ({
      path: file.replace(/\\/g, '/'),
      value: await readFile(path.join(root, file))
    }))
  )
}
