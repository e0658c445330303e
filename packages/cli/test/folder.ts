import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { glob } from 'tinyglobby'

/**
 * Every file of a folder as text, by path, sorted: two sites compare with
 * `toEqual`.
 *
 * @param dir
 *   Folder.
 */
export async function readFolder(dir: string): Promise<Record<string, string>> {
  const found = (await glob('**/*', { cwd: dir })).sort()
  return Object.fromEntries(
    await Promise.all(
      found.map(async (file) => [file, await readFile(path.join(dir, file), 'utf8')])
    )
  ) as Record<string, string>
}
