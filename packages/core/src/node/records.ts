import { createHash } from 'node:crypto'
import { lstatSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'
import { readManifest } from './outdir.js'

/** What a build knows of one file it wrote, for the next build. */
export interface OutputRecord {
  /** SHA-256 of the bytes. */
  hash: string
  /** Size, inode and modification time (ms, with its fraction) of the file as written: a file changed since differs. */
  size: number
  ino: number
  mtime: number
  /** What laying it out read (see `OutputTrace`), if a layout made it. */
  reads?: string[] | undefined
  /** Fingerprint of those inputs then. */
  fingerprint?: string | undefined
}

/**
 * The records file (`v8.serialize`d), by column: 20,000 outputs are a few
 * arrays, not 20,000 objects to read and write again each build.
 */
interface Stored {
  version: 2
  stamp: string
  /** The id of the build that wrote them (`WriteOptions.build`). */
  build?: string | undefined
  /** Each folder of the output folder (`''` for itself) and its stamp, when it was known to hold only Galley's files. */
  folders?: { names: string[]; stamps: string[] } | undefined
  /** The inputs read, named once: `reads` holds their indices. */
  keys: string[]
  paths: string[]
  /** The SHA-256 of each, in hex, one after another. */
  hashes: string
  /** Size, inode and modification time of each: three numbers a file. */
  stats: Float64Array
  /** Where the reads of each start in `reads` (one more than there are files). */
  readsAt: Uint32Array
  reads: Uint32Array
  /** The fingerprint of each (`''` when no layout made it). */
  fingerprints: string[]
}

/** Hex digits of a SHA-256. */
const hashLength = 64

/** What a records file holds. */
export interface RecordsFile {
  /** The record of an output (by its path in the output folder), made when asked for. */
  get(path: string): OutputRecord | undefined
  /** How many outputs have records. */
  size: number
  /** The folders' stamps (see `folderStamps`). */
  folders: Map<string, string> | undefined
  /** The id of the build that wrote it, if it had one. */
  build: string | undefined
}

/** No records. */
export const noRecords: RecordsFile = {
  get: () => undefined,
  size: 0,
  folders: undefined,
  build: undefined
}

/**
 * The records of the build that wrote an output folder last; none when the
 * file is missing, damaged or of another format. Records made with another
 * `stamp` (other layout code, another version of Galley) keep what each
 * file is, not what it was laid out from: every page is laid out again,
 * and only files whose bytes change are written.
 */
export async function readRecordsFile(file: string, stamp: string): Promise<RecordsFile> {
  let stored: Stored
  try {
    stored = deserialize(await readFile(file)) as Stored
  } catch {
    return noRecords
  }
  if (!fits(stored)) return noRecords
  const { paths, hashes, stats, readsAt, reads, keys, fingerprints } = stored
  const same = stored.stamp === stamp
  const rows = new Map<string, number>()
  for (const [index, where] of paths.entries()) rows.set(where, index)
  const folders = stored.folders
    ? new Map(
        stored.folders.names.map((name, index) => [name, stored.folders?.stamps[index] ?? ''])
      )
    : undefined
  return {
    size: rows.size,
    folders,
    build: same && typeof stored.build === 'string' ? stored.build : undefined,
    get(where) {
      const row = rows.get(where)
      if (row === undefined) return undefined
      const record: OutputRecord = {
        hash: hashes.slice(row * hashLength, (row + 1) * hashLength),
        size: stats[row * 3] as number,
        ino: stats[row * 3 + 1] as number,
        mtime: stats[row * 3 + 2] as number
      }
      const fingerprint = fingerprints[row]
      if (same && typeof fingerprint === 'string' && fingerprint) {
        // Checked here, not for every row when read: a damaged row has no reads.
        const from = readsAt[row] as number
        const to = readsAt[row + 1] as number
        const named: string[] = []
        for (let at = from; at < to; at++) {
          const key = keys[reads[at] as number]
          if (typeof key !== 'string') return record
          named.push(key)
        }
        if (to < from || to > reads.length) return record
        record.reads = named
        record.fingerprint = fingerprint
        origins.set(record, { stored, row })
      }
      return record
    }
  }
}

/** The row each record read back (with reads) came from, so writing it again copies its reads. */
const origins = new WeakMap<OutputRecord, { stored: Stored; row: number }>()

/** Whether a records file read back has the shape `writeRecords` gives it. */
function fits(stored: Stored): boolean {
  if (stored?.version !== 2 || typeof stored.stamp !== 'string') return false
  const { paths, hashes, stats, readsAt, reads, keys, fingerprints, folders } = stored
  const count = Array.isArray(paths) ? paths.length : -1
  // The shape only: rows are checked when read (`get`).
  return (
    count >= 0 &&
    typeof hashes === 'string' &&
    hashes.length === count * hashLength &&
    stats instanceof Float64Array &&
    stats.length === count * 3 &&
    readsAt instanceof Uint32Array &&
    readsAt.length === count + 1 &&
    reads instanceof Uint32Array &&
    Array.isArray(keys) &&
    Array.isArray(fingerprints) &&
    fingerprints.length === count &&
    (folders === undefined ||
      (Array.isArray(folders?.names) &&
        Array.isArray(folders.stamps) &&
        folders.names.length === folders.stamps.length &&
        [...folders.names, ...folders.stamps].every((text) => typeof text === 'string')))
  )
}

/** Keep the records of a build (written whole, then renamed into place). */
export async function writeRecords(
  file: string,
  stamp: string,
  records: ReadonlyMap<string, OutputRecord>,
  folders?: ReadonlyMap<string, string> | undefined,
  build?: string | undefined
): Promise<void> {
  // The keys of the records read back, extended: a record kept as it was
  // read keeps its reads' indices (no key looked up again).
  let base: Stored | undefined
  for (const record of records.values()) {
    base = origins.get(record)?.stored
    if (base) break
  }
  let keys = base?.stamp === stamp ? base.keys.slice() : []
  if (keys.length === 0) base = undefined
  let index: Map<string, number> | undefined
  const indexOf = (key: string) => {
    index ??= new Map(keys.map((name, at) => [name, at]))
    let found = index.get(key)
    if (found === undefined) {
      found = keys.length
      keys.push(key)
      index.set(key, found)
    }
    return found
  }
  const paths: string[] = []
  const hashes: string[] = []
  const stats: number[] = []
  const readsAt: number[] = [0]
  let reads: number[] = []
  const fingerprints: string[] = []
  for (const [where, record] of records) {
    paths.push(where)
    hashes.push(record.hash.length === hashLength ? record.hash : '0'.repeat(hashLength))
    stats.push(record.size, record.ino, record.mtime)
    if (record.reads && record.fingerprint) {
      const origin = origins.get(record)
      const kept = base && origin?.stored === base ? base : undefined
      const from = kept && origin ? kept.readsAt[origin.row] : undefined
      const to = kept && origin ? kept.readsAt[origin.row + 1] : undefined
      if (from !== undefined && to !== undefined && to - from === record.reads.length) {
        for (let at = from; at < to; at++) reads.push(base?.reads[at] as number)
      } else for (const key of record.reads) reads.push(indexOf(key))
      fingerprints.push(record.fingerprint)
    } else fingerprints.push('')
    readsAt.push(reads.length)
  }
  // Keys no record reads any more are dropped once they are most of them.
  const used = new Uint8Array(keys.length)
  // own-key: `at` indexes a typed array.
  for (const at of reads) used[at] = 1
  const count = used.reduce((sum, flag) => sum + flag, 0)
  if (keys.length > 2 * count + 1024) {
    const moved = new Int32Array(keys.length).fill(-1)
    const kept: string[] = []
    for (const [at, name] of keys.entries()) {
      if (used[at] !== 1) continue
      // own-key: `at` indexes a typed array.
      moved[at] = kept.length
      kept.push(name)
    }
    reads = reads.map((at) => moved[at] as number)
    keys = kept
  }
  const stored: Stored = {
    version: 2,
    stamp,
    build,
    folders: folders && { names: [...folders.keys()], stamps: [...folders.values()] },
    keys,
    paths,
    hashes: hashes.join(''),
    stats: Float64Array.from(stats),
    readsAt: Uint32Array.from(readsAt),
    reads: Uint32Array.from(reads),
    fingerprints
  }
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, serialize(stored))
  await rename(temporary, file)
}

/** SHA-256 of an output's value. */
export function digest(value: string | Uint8Array): string {
  return createHash('sha256').update(value).digest('hex')
}

/** The record of a file as it is on disk now (without reads), or `undefined`. */
export function statOf(file: string, hash: string): OutputRecord | undefined {
  // Not `bigint`: a number's microseconds tell writes apart as well, and
  // a build takes 20,000 of these.
  const stats = lstatSync(file, { throwIfNoEntry: false })
  if (!stats?.isFile()) return undefined
  return { hash, size: stats.size, ino: stats.ino, mtime: stats.mtimeMs }
}

/** Whether `file` is still the file `record` describes. */
export function unchanged(file: string, record: OutputRecord): boolean {
  const now = statOf(file, record.hash)
  return (
    now !== undefined &&
    now.size === record.size &&
    now.ino === record.ino &&
    now.mtime === record.mtime
  )
}

/**
 * Whether the output folder still holds exactly what the build that kept
 * `records` wrote: every file its manifest lists is there as written (size,
 * inode, modification time), and none is missing.
 *
 * @param outDir
 *   Output folder.
 * @param file
 *   The records file `writeSite` kept for it.
 * @returns
 *   Whether nothing in the folder changed since.
 */
export async function outputsIntact(outDir: string, file: string): Promise<boolean> {
  const target = path.resolve(outDir)
  const records = await readRecordsFile(file, '')
  const listed = await readManifest(target)
  if (listed.size === 0 || listed.size !== records.size) return false
  for (const where of listed) {
    const record = records.get(where)
    if (!record || !unchanged(path.join(target, where), record)) return false
  }
  return true
}
