import type { Stats } from 'node:fs'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/** What the loader knew of a file it read: its stats then, and its text's SHA-256. */
export interface KnownFile {
  /** Size, inode, modification and change times, as one text. */
  key: string
  digest: string
}

/** The text of the stats file. */
interface Stored {
  version: 1
  /** The content folder it describes (absolute). */
  root: string
  files: Array<[relative: string, key: string, digest: string]>
}

/**
 * How long after a file last changed its stats are trusted: a file changed
 * again within the same tick of the file system's clock, with the same
 * size, would have the same stats (as git treats a “racily clean” entry).
 */
const settleMs = 2000

/** The stats a file has now, as `KnownFile` compares them. */
export function knownOf(stats: Stats, digest: string): KnownFile {
  return { key: `${stats.size}:${stats.ino}:${stats.mtimeMs}:${stats.ctimeMs}`, digest }
}

/** Whether a file last changed long enough before `started` for its stats to be kept. */
export function settled(stats: Stats, started: number): boolean {
  return Math.max(stats.mtimeMs, stats.ctimeMs) < started - settleMs
}

/** The files the stats file knows in `root`; none when it is missing, damaged or of another folder. */
export function readContentStats(file: string, root: string): Map<string, KnownFile> {
  const known = new Map<string, KnownFile>()
  let stored: Stored
  try {
    stored = JSON.parse(readFileSync(file, 'utf8')) as Stored
  } catch {
    return known
  }
  if (stored?.version !== 1 || stored.root !== root || !Array.isArray(stored.files)) return known
  for (const row of stored.files) {
    if (!Array.isArray(row)) continue
    const [relative, key, digest] = row
    if (typeof relative === 'string' && typeof key === 'string' && typeof digest === 'string') {
      known.set(relative, { key, digest })
    }
  }
  return known
}

/**
 * Keep what a load knew (written whole, then renamed into place), unless
 * it is what the file already holds. A file that cannot be written is left
 * as it was: the next load reads every file.
 */
export function writeContentStats(
  file: string,
  root: string,
  before: ReadonlyMap<string, KnownFile>,
  after: ReadonlyMap<string, KnownFile>
): void {
  if (before.size === after.size) {
    let same = true
    for (const [relative, known] of after) {
      const old = before.get(relative)
      if (old?.key !== known.key || old.digest !== known.digest) {
        same = false
        break
      }
    }
    if (same) return
  }
  const stored: Stored = {
    version: 1,
    root,
    files: [...after].map(([relative, known]) => [relative, known.key, known.digest])
  }
  try {
    mkdirSync(path.dirname(file), { recursive: true })
    const temporary = `${file}.${process.pid}.tmp`
    writeFileSync(temporary, JSON.stringify(stored))
    renameSync(temporary, file)
  } catch {
    // A cache: without it, the next load reads every file.
  }
}
