import { statSync } from 'node:fs'

/**
 * A file's stats as a string (`mtime size inode`), or `undefined` when it
 * is gone: what a build saw of a file it read, to compare with later.
 *
 * @param file
 *   Absolute path.
 * @returns
 *   Stamp.
 */
export function fileStamp(file: string): string | undefined {
  try {
    const stats = statSync(file)
    return `${stats.mtimeMs} ${stats.size} ${stats.ino}`
  } catch {
    return undefined
  }
}

/**
 * How long after a build its changed files are looked at again: longer
 * than chokidar's 50 ms, within which it drops a second `change` of a file
 * rather than reporting it late.
 */
export const settleMs = 75

/**
 * The files whose stamps differ now from `stamps`: saved again after the
 * build read them, whether or not the watcher said so.
 *
 * @param stamps
 *   Stamps by absolute path, taken before the build.
 * @returns
 *   Paths.
 */
export function changedSince(stamps: ReadonlyMap<string, string | undefined>): string[] {
  return [...stamps].filter(([file, stamp]) => fileStamp(file) !== stamp).map(([file]) => file)
}
