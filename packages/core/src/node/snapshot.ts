import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync
} from 'node:fs'
import path from 'node:path'
import { deserialize, serialize } from 'node:v8'
import type { BuildSnapshot, SnapshotEntry, SnapshotText } from '../types.js'
import { galleyVersions } from './cache.js'

/**
 * A snapshot read back (`readSnapshot`): the snapshot, and how to read the
 * `html` it keeps beside it.
 */
export interface SavedSnapshot {
  snapshot: BuildSnapshot
  /** Read one entry's `html` (for `ResumeOptions.text`). */
  text(where: SnapshotText): string
}

/** Where a text (an `html`, packed fields) is, in this store: a byte range of one bodies file. */
interface Range extends SnapshotText {
  /** The id of the bodies file. */
  bodies: string
}

/** What the snapshot file holds besides the snapshot. */
interface Stored {
  format: 1
  key: string
  /** The versions of Galley's packages that wrote it (`galleyVersions`). */
  versions: string
  /** Id of the bodies file its ranges are in. */
  bodies: string
  snapshot: BuildSnapshot
}

const idLength = 32

/**
 * Keep a build's snapshot (`Galley.snapshot`) in `file`, for the next
 * build to `readSnapshot` with the same `key`. Bodies (`html`) go to a
 * file beside it (`<file>.bodies`), appended to: a body the last snapshot
 * kept and no layout read is not written again; when most of that file is
 * bodies no snapshot names any more, it is written anew. The snapshot is
 * written whole, then renamed into place, so a build killed at any moment
 * leaves the old one or the new one; a bodies file written anew gets a new
 * id, and a snapshot whose bodies file has another id is no snapshot.
 *
 * @param file
 *   Where to keep it, such as `.cache/galley/snapshots/dist.bin`.
 * @param key
 *   Text naming everything the build read besides its content files (the
 *   configuration, code, assets, data): `readSnapshot` gives the snapshot
 *   back only for the same key.
 * @param snapshot
 *   The snapshot. When it cannot be kept (a value the structured-clone
 *   algorithm refuses, such as a function in front matter), the old one is
 *   removed and this throws.
 */
export function writeSnapshot(file: string, key: string, snapshot: BuildSnapshot): void {
  try {
    store(file, key, snapshot)
  } catch (error) {
    // No snapshot is better than one of another build.
    rmSync(file, { force: true })
    throw error
  }
}

/** The texts of an entry kept in the bodies file. */
const texts = ['html', 'packed'] as const

function store(file: string, key: string, snapshot: BuildSnapshot): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const bodiesFile = `${file}.bodies`
  const current = openBodies(bodiesFile)
  const entries = snapshot.files.flatMap((item) => (item.entry ? [item.entry] : []))
  const inCurrent = (value: string | SnapshotText): value is Range =>
    typeof value !== 'string' && current !== undefined && (value as Range).bodies === current.id
  let live = 0
  let kept = 0
  for (const entry of entries) {
    for (const name of texts) {
      const value = entry[name]
      if (typeof value === 'string') live += Buffer.byteLength(value)
      else if (inCurrent(value)) {
        live += value.length
        kept++
      } else throw new Error('Expected every text of a snapshot to be in its bodies file')
    }
  }
  // Appended to while most of it is still read; else written anew.
  const append = current !== undefined && kept > 0 && current.size <= 2 * live + (1 << 20)
  const id = append && current ? current.id : randomBytes(idLength / 2).toString('hex')
  const written = append ? bodiesFile : `${bodiesFile}.${process.pid}.tmp`
  const fd = openSync(written, append ? 'a' : 'w')
  let at = append && current ? current.size : 0
  // Written in chunks of about a megabyte: one call per text is slow.
  let chunk: Buffer[] = []
  let chunked = 0
  const flush = () => {
    if (chunked > 0) writeSync(fd, Buffer.concat(chunk, chunked))
    chunk = []
    chunked = 0
  }
  const put = (bytes: Buffer): Range => {
    const range = { offset: at, length: bytes.length, bodies: id }
    chunk.push(bytes)
    chunked += bytes.length
    at += bytes.length
    if (chunked > 1 << 20) flush()
    return range
  }
  const moved = new Map<SnapshotEntry, Partial<Record<(typeof texts)[number], Range>>>()
  try {
    if (!append) put(Buffer.from(id, 'latin1'))
    for (const entry of entries) {
      const ranges: Partial<Record<(typeof texts)[number], Range>> = {}
      for (const name of texts) {
        const value = entry[name]
        // A text the last snapshot kept stays where it is, unless the file is written anew.
        if (append && typeof value !== 'string') continue
        // own-key: `name` is one of the fixed `texts`.
        ranges[name] = put(
          typeof value === 'string' ? Buffer.from(value) : readRange(bodiesFile, value)
        )
      }
      moved.set(entry, ranges)
    }
    flush()
  } finally {
    closeSync(fd)
  }
  // The entries with their texts' ranges (the caller's snapshot is left as it was).
  const files = snapshot.files.map((item) => {
    const ranges = item.entry && moved.get(item.entry)
    return ranges && item.entry ? { ...item, entry: { ...item.entry, ...ranges } } : item
  })
  const stored: Stored = {
    format: 1,
    key,
    versions: galleyVersions(),
    bodies: id,
    snapshot: { ...snapshot, files }
  }
  let bytes: Buffer
  try {
    bytes = serialize(stored)
  } catch (error) {
    if (!append) rmSync(written, { force: true })
    throw error
  }
  const temporary = `${file}.${process.pid}.tmp`
  if (!append) renameSync(written, bodiesFile)
  writeFileSync(temporary, bytes)
  renameSync(temporary, file)
}

/**
 * The snapshot `writeSnapshot` kept in `file` under `key`; `undefined`
 * when there is none, it was kept under another key or format, or it is
 * damaged.
 */
export function readSnapshot(file: string, key: string): SavedSnapshot | undefined {
  let stored: Stored
  try {
    stored = deserialize(readFileSync(file)) as Stored
  } catch {
    return undefined
  }
  if (
    stored?.format !== 1 ||
    stored.key !== key ||
    stored.versions !== galleyVersions() ||
    stored.snapshot?.version !== 1 ||
    !Array.isArray(stored.snapshot.files)
  ) {
    return undefined
  }
  const bodiesFile = `${file}.bodies`
  const bodies = openBodies(bodiesFile)
  if (bodies?.id !== stored.bodies) return undefined
  return {
    snapshot: stored.snapshot,
    text: (where) => {
      if ((where as Range).bodies !== bodies.id) {
        throw new Error('Expected a text of this snapshot’s bodies file')
      }
      return readRange(bodiesFile, where).toString('utf8')
    }
  }
}

/** The id and size of a bodies file, if it is one. */
function openBodies(file: string): { id: string; size: number } | undefined {
  let fd: number
  try {
    fd = openSync(file, 'r')
  } catch {
    return undefined
  }
  try {
    const head = Buffer.alloc(idLength)
    const read = readSync(fd, head, 0, idLength, 0)
    if (read !== idLength) return undefined
    return { id: head.toString('latin1'), size: fstatSync(fd).size }
  } finally {
    closeSync(fd)
  }
}

function readRange(file: string, where: SnapshotText): Buffer {
  const fd = openSync(file, 'r')
  try {
    const bytes = Buffer.alloc(where.length)
    let done = 0
    while (done < where.length) {
      const read = readSync(fd, bytes, done, where.length - done, where.offset + done)
      if (read === 0) throw new Error('Unexpected end of a snapshot’s bodies file')
      done += read
    }
    return bytes
  } finally {
    closeSync(fd)
  }
}
