import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'

const lockfiles = [
  'pnpm-lock.yaml',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'bun.lock'
]

/**
 * A hash of the dependencies a site builds with: the lockfiles of the
 * nearest folder at or above `cwd` that has one (a monorepo keeps it at its
 * root). Renders are cached under it, so upgrading any package renders
 * everything again. No lockfile gives an empty stamp.
 *
 * @param cwd
 *   Folder of the site.
 * @returns
 *   Hex digest, or `''`.
 */
export async function dependencyStamp(cwd: string): Promise<string> {
  let dir = path.resolve(cwd)
  for (;;) {
    const found = await Promise.all(
      lockfiles.map((name) => readFile(path.join(dir, name)).catch(() => undefined))
    )
    if (found.some((value) => value !== undefined)) {
      const hash = createHash('sha256')
      for (const [index, value] of found.entries()) {
        if (value) hash.update(`${lockfiles[index]}\u0000`).update(value)
      }
      return hash.digest('hex')
    }
    const parent = path.dirname(dir)
    if (parent === dir) return ''
    dir = parent
  }
}
