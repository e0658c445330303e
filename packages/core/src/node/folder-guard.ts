import { lstatSync, mkdirSync, realpathSync } from 'node:fs'
import path from 'node:path'
import { OutDirError } from './outdir.js'

/**
 * The last check before a file is written or moved into a folder under
 * `root`: make the folder, checking first the nearest folder on its way
 * that is there already and then the folder itself, that each, links
 * resolved, is where its path says, inside `root`. Paths are checked
 * before a build writes anything, and the output folder is looked through
 * for links; this closes the gap between those checks and the write (a
 * folder swapped for a link to `/etc` in the meantime): nothing, not even
 * an empty folder, is made through a link. Each folder is made once.
 *
 * @param root
 *   A folder Galley writes into: the staged folder, or the output folder
 *   (made by the first call when missing).
 * @returns
 *   Makes one folder under `root` (or `root` itself); throws an
 *   `OutDirError` when a link leads it elsewhere.
 */
export function folderGuard(root: string): (folder: string) => void {
  let realRoot: string | undefined
  const made = new Set<string>()
  const check = (folder: string) => {
    if (realRoot === undefined) {
      if (lstatSync(root).isSymbolicLink()) refuse(root, realpathSync.native(root))
      realRoot = realpathSync.native(root)
    }
    const real = realpathSync.native(folder)
    const relative = path.relative(root, folder)
    if (real !== (relative === '' ? realRoot : path.join(realRoot, relative))) refuse(folder, real)
  }
  return (folder) => {
    if (made.has(folder)) return
    // The nearest folder there already, `root` included, is checked before
    // anything is made under it.
    let there = folder
    while (there !== root && lstatSync(there, { throwIfNoEntry: false }) === undefined) {
      there = path.dirname(there)
    }
    if (lstatSync(root, { throwIfNoEntry: false }) === undefined) {
      // Made on its own: a recursive mkdir on a read-only disk says ENOENT, not EROFS.
      mkdirSync(path.dirname(root), { recursive: true })
      mkdirSync(root)
    } else check(there)
    mkdirSync(folder, { recursive: true })
    check(folder)
    made.add(folder)
  }
}

function refuse(folder: string, real: string): never {
  throw new OutDirError(
    `Refusing to write into \`${folder}\`: a symbolic link leads it to \`${real}\`, out of the output folder; remove the link and build again`
  )
}
