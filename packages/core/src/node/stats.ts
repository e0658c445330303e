import type { Stats } from 'node:fs'
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'

/**
 * The stats file (`v8.serialize`d), by column: 10,000 files are a few
 * arrays, not 10,000 rows to parse into objects.
 */
interface Stored {
  version: 2
  /** The content folder it describes (absolute). */
  root: string
  /** Paths inside `root` (`/` separators). */
  paths: string[]
  /** Size, inode, modification and change times (ms) of each: four numbers a file. */
  stats: Float64Array
  /** The SHA-256 of each text, in hex, one after another. */
  digests: string
}

/** Numbers of stats kept per file. */
const width = 4
/** Hex digits of a SHA-256. */
const digestLength = 64

/**
 * How long after a file last changed its stats are trusted: a file changed
 * again within the same tick of the file system's clock, with the same
 * size, would have the same stats (as git treats a “racily clean” entry).
 */
const settleMs = 2000

/** What the loader knew of the files it read: their stats then, and their texts' SHA-256. */
export interface ContentStats {
  /** The digest of `relative` when its stats are `stats` still, else `undefined`. */
  digestOf(relative: string, stats: Stats): string | undefined
  /** Note what a load knew of a file, for the next load. */
  keep(relative: string, stats: Stats, digest: string): void
  /** Keep what this load noted, unless it is what the file holds already. */
  save(): void
}

/**
 * The stats file `file` of the content folder `root`: what it knows (none
 * when it is missing, damaged or of another folder), and what this load
 * keeps. A file that cannot be written is left as it was: the next load
 * reads every file.
 */
export function contentStats(file: string, root: string): ContentStats {
  const before = readStored(file, root)
  const rows = new Map<string, number>()
  for (const [index, relative] of (before?.paths ?? []).entries()) rows.set(relative, index)
  const paths: string[] = []
  const stats: number[] = []
  const digests: string[] = []
  // Whether every file noted is the one `before` has at the same row.
  let same = true
  const digestOf = (relative: string, now: Stats): string | undefined => {
    const row = rows.get(relative)
    if (row === undefined || !before) return undefined
    const at = row * width
    const kept = before.stats
    return kept[at] === now.size &&
      kept[at + 1] === now.ino &&
      kept[at + 2] === now.mtimeMs &&
      kept[at + 3] === now.ctimeMs
      ? before.digests.slice(row * digestLength, (row + 1) * digestLength)
      : undefined
  }
  return {
    digestOf,
    keep(relative, now, digest) {
      if (digest.length !== digestLength) return
      if (same && (rows.get(relative) !== paths.length || digestOf(relative, now) !== digest)) {
        same = false
      }
      paths.push(relative)
      stats.push(now.size, now.ino, now.mtimeMs, now.ctimeMs)
      digests.push(digest)
    },
    save() {
      if (same && before && paths.length === before.paths.length) return
      const stored: Stored = {
        version: 2,
        root,
        paths,
        stats: Float64Array.from(stats),
        digests: digests.join('')
      }
      try {
        mkdirSync(path.dirname(file), { recursive: true })
        const temporary = `${file}.${process.pid}.tmp`
        writeFileSync(temporary, serialize(stored))
        renameSync(temporary, file)
      } catch {
        // A cache: without it, the next load reads every file.
      }
    }
  }
}

/** Whether a file last changed long enough before `started` for its stats to be kept. */
export function settled(stats: Stats, started: number): boolean {
  return Math.max(stats.mtimeMs, stats.ctimeMs) < started - settleMs
}

/** The stats file, when it is whole and of `root`. */
function readStored(file: string, root: string): Stored | undefined {
  let stored: Stored
  try {
    stored = deserialize(readFileSync(file)) as Stored
  } catch {
    return undefined
  }
  const count = Array.isArray(stored?.paths) ? stored.paths.length : -1
  return stored.version === 2 &&
    stored.root === root &&
    count >= 0 &&
    stored.paths.every((relative) => typeof relative === 'string') &&
    stored.stats instanceof Float64Array &&
    stored.stats.length === count * width &&
    typeof stored.digests === 'string' &&
    stored.digests.length === count * digestLength
    ? stored
    : undefined
}
