import type { Dirent } from 'node:fs'
import { readdir, realpath, stat } from 'node:fs/promises'
import path from 'node:path'
import { joinPlain } from './paths.js'

/** What `walkFolder` found. */
export interface Walked {
  /** Regular files to read, sorted by relative path (`/` separators). */
  files: Array<{ relative: string; absolute: string }>
  /** Entries refused: links that lead out of the folder, special files. */
  refused: Array<{ relative: string; reason: string }>
}

/**
 * List the regular files of a folder that `match` takes, without ever
 * leaving it: a symbolic link is followed only when its real path is inside
 * the folder's real path (a link to `/etc`, or to `../secrets.md`, is
 * refused, with the reason), and FIFOs, sockets and devices are refused
 * too (reading a FIFO would hang the build). Names starting with `.` and
 * `node_modules` folders are skipped, as globs skip them, and so are the
 * folders of `skip` (an output folder inside the walked one).
 *
 * @param root
 *   Folder; a missing one has no files.
 * @param match
 *   Whether a relative path (`posts/a.md`) is wanted.
 * @param skip
 *   Absolute paths of folders to leave out (default: none).
 * @returns
 *   Files and refusals.
 */
export async function walkFolder(
  root: string,
  match: (relative: string) => boolean,
  skip?: ReadonlyArray<string> | undefined
): Promise<Walked> {
  const left = new Set((skip ?? []).map((folder) => path.resolve(folder)))
  const walked: Walked = { files: [], refused: [] }
  const base = await realpath(root).catch(() => undefined)
  if (!base) return walked
  const seen = new Set<string>([base])
  const inside = (target: string) => target === base || target.startsWith(base + path.sep)

  const visit = async (dir: string, prefix: string): Promise<void> => {
    const entries: Dirent[] = await readdir(dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue
      // `dir` is resolved and a name has no separator: `path.join` without normalizing.
      const absolute = joinPlain(dir, entry.name)
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name
      let kind: 'dir' | 'file' | 'other' = entry.isDirectory()
        ? 'dir'
        : entry.isFile()
          ? 'file'
          : 'other'
      let real = absolute
      if (entry.isSymbolicLink()) {
        const target = await realpath(absolute).catch(() => undefined)
        const stats = target ? await stat(target).catch(() => undefined) : undefined
        kind = stats?.isDirectory() ? 'dir' : stats?.isFile() ? 'file' : 'other'
        if (!target || !inside(target)) {
          if (kind === 'dir' || match(relative)) {
            walked.refused.push({
              relative,
              reason: target
                ? `it links to \`${target}\`, outside \`${root}\``
                : 'it links to nothing'
            })
          }
          continue
        }
        real = target
      }
      if (kind === 'dir') {
        if (left.has(absolute)) continue
        // A link back up (or to a folder already walked) is walked once.
        const key = real === absolute ? await realpath(absolute).catch(() => absolute) : real
        if (seen.has(key)) continue
        seen.add(key)
        await visit(absolute, relative)
      } else if (kind === 'file') {
        if (match(relative)) walked.files.push({ relative, absolute })
      } else if (match(relative)) {
        walked.refused.push({ relative, reason: 'it is not a regular file' })
      }
    }
  }

  await visit(path.resolve(root), '')
  walked.files.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0))
  return walked
}
