import { createHash, randomBytes } from 'node:crypto'
import {
  appendFileSync,
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
import type { BuildSnapshot, SnapshotEntry, SnapshotFile, SnapshotText } from '../types.js'
import { galleyVersions } from './cache.js'

/**
 * A snapshot read back (`readSnapshot`): the snapshot, and how to read the
 * `html` it keeps beside it.
 */
export interface SavedSnapshot {
  snapshot: BuildSnapshot
  /** The id of the build that kept it (`writeSnapshot`'s `build`), if it gave one. */
  build: string | undefined
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
  format: 2
  key: string
  /** The versions of Galley's packages that wrote it (`galleyVersions`). */
  versions: string
  /** Id of the bodies file its ranges are in. */
  bodies: string
  /** Id of this snapshot file: the changes file that names it applies to it. */
  generation: string
  /** Id of the build that kept it. */
  build?: string | undefined
  snapshot: BuildSnapshot
}

/** One record of the changes file: what a later build changed. */
interface Change {
  key: string
  /** How many files the snapshot has (a change never adds or removes one). */
  count: number
  now: number
  spent: number
  build?: string | undefined
  /** The routes, when they changed. */
  routes?: BuildSnapshot['routes'] | undefined
  /** The files that changed, by index. */
  files: Array<[index: number, file: SnapshotFile]>
}

/** What the last `readSnapshot` of a snapshot file in this process found. */
interface Known {
  generation: string
  key: string
  bodies: string
  /** Where its changes file ends (its last whole record), or `-1` when it has none of its own. */
  end: number
  records: number
  /** Size of the snapshot file. */
  size: number
  count: number
  routes: BuildSnapshot['routes']
}

const idLength = 32
/** Bytes before each change record: its length and a hash of it. */
const recordHead = 8

/** The file of each file a snapshot read back held (`file` and generation), by object. */
const origins = new WeakMap<SnapshotFile, string>()
const known = new Map<string, Known>()

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
 * A snapshot resumed from the one this process read back from `file`
 * (`readSnapshot`), with the same files and few of them changed, is kept
 * as a record of those changes appended to `<file>.changes` (hashed, so a
 * record a killed build left half-written is no record); past a hundred
 * records, or a quarter of the snapshot's size, it is written whole again.
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
 * @param build
 *   An id of the build (as given to `writeSite`), which `readSnapshot`
 *   gives back (optional).
 */
export function writeSnapshot(
  file: string,
  key: string,
  snapshot: BuildSnapshot,
  build?: string | undefined
): void {
  try {
    if (!storeChanges(file, key, snapshot, build)) store(file, key, snapshot, build)
  } catch (error) {
    // No snapshot is better than one of another build.
    rmSync(file, { force: true })
    throw error
  }
}

/** The texts of an entry kept in the bodies file. */
const texts = ['html', 'packed'] as const

function store(
  file: string,
  key: string,
  snapshot: BuildSnapshot,
  build: string | undefined
): void {
  mkdirSync(path.dirname(file), { recursive: true })
  const bodiesFile = `${file}.bodies`
  const current = openHead(bodiesFile)
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
  const generation = randomBytes(idLength / 2).toString('hex')
  const stored: Stored = {
    format: 2,
    key,
    versions: galleyVersions(),
    bodies: id,
    generation,
    build,
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
  // Then a changes file of its own (an old one names another generation).
  writeFileSync(temporary, generation, 'latin1')
  renameSync(temporary, `${file}.changes`)
  known.delete(path.resolve(file))
}

/**
 * Append what changed since the snapshot this process read back from
 * `file` to its changes file, when that is what it should do (see
 * `writeSnapshot`).
 *
 * @returns
 *   Whether it did.
 */
function storeChanges(
  file: string,
  key: string,
  snapshot: BuildSnapshot,
  build: string | undefined
): boolean {
  const where = path.resolve(file)
  const last = known.get(where)
  if (!last || last.key !== key || last.end < 0 || snapshot.files.length !== last.count) {
    return false
  }
  if (last.records >= 100 || last.end > last.size / 4) return false
  const tag = `${where}\u0000${last.generation}`
  const changed: Array<[number, SnapshotFile]> = []
  for (const [index, item] of snapshot.files.entries()) {
    if (origins.get(item) !== tag) changed.push([index, item])
  }
  if (changed.length > Math.max(16, snapshot.files.length / 8)) return false
  const changesFile = `${file}.changes`
  const head = openHead(changesFile)
  const bodiesFile = `${file}.bodies`
  const bodies = openHead(bodiesFile)
  // Only on the files as this process read them.
  if (head?.id !== last.generation || head.size !== last.end || bodies?.id !== last.bodies) {
    return false
  }
  const isKept = (value: string | SnapshotText) =>
    typeof value === 'string' || (value as Range).bodies === bodies.id
  if (
    !changed.every(
      ([, item]) => !item.entry || texts.every((name) => isKept(item.entry?.[name] ?? ''))
    )
  ) {
    return false
  }
  const routes = sameRoutes(last.routes, snapshot.routes) ? undefined : snapshot.routes
  // The texts first: a record is only written once what it names is there.
  let at = bodies.size
  const chunk: Buffer[] = []
  const files = changed.map(([index, item]): [number, SnapshotFile] => {
    const entry = item.entry
    if (!entry) return [index, item]
    const ranges: Partial<Record<(typeof texts)[number], Range>> = {}
    for (const name of texts) {
      const value = entry[name]
      if (typeof value !== 'string') continue
      const bytes = Buffer.from(value)
      chunk.push(bytes)
      // own-key: `name` is one of the fixed `texts`.
      ranges[name] = { offset: at, length: bytes.length, bodies: bodies.id }
      at += bytes.length
    }
    return [index, { ...item, entry: { ...entry, ...ranges } }]
  })
  const change: Change = {
    key,
    count: snapshot.files.length,
    now: snapshot.now,
    spent: snapshot.spent,
    build,
    routes,
    files
  }
  const payload = serialize(change)
  if (chunk.length > 0) appendFileSync(bodiesFile, Buffer.concat(chunk))
  const record = Buffer.alloc(recordHead)
  record.writeUInt32LE(payload.length, 0)
  record.writeUInt32LE(checksum(payload), 4)
  appendFileSync(changesFile, Buffer.concat([record, payload]))
  last.end += recordHead + payload.length
  last.records++
  last.routes = snapshot.routes
  return true
}

function sameRoutes(a: BuildSnapshot['routes'], b: BuildSnapshot['routes']): boolean {
  if (a.length !== b.length) return false
  for (const [index, [file, url]] of a.entries()) {
    const other = b[index]
    if (!other || other[0] !== file || other[1] !== url) return false
  }
  return true
}

/** The first 32 bits of a record's SHA-256. */
function checksum(bytes: Uint8Array): number {
  return createHash('sha256').update(bytes).digest().readUInt32LE(0)
}

/**
 * Apply the records of a changes file of `generation` to `snapshot`, up
 * to the first that is not whole.
 *
 * @returns
 *   Where the last whole record ends and how many there were (`end: -1`
 *   when the changes file is missing or names another generation).
 */
function applyChanges(
  changesFile: string,
  generation: string,
  key: string,
  stored: Pick<Stored, 'snapshot' | 'build'>
): { end: number; records: number } {
  const { snapshot } = stored
  let bytes: Buffer
  try {
    bytes = readFileSync(changesFile)
  } catch {
    return { end: -1, records: 0 }
  }
  if (bytes.length < idLength || bytes.toString('latin1', 0, idLength) !== generation) {
    return { end: -1, records: 0 }
  }
  let end = idLength
  let records = 0
  while (end + recordHead <= bytes.length) {
    const length = bytes.readUInt32LE(end)
    const payload = bytes.subarray(end + recordHead, end + recordHead + length)
    if (payload.length !== length || checksum(payload) !== bytes.readUInt32LE(end + 4)) break
    let change: Change
    try {
      change = deserialize(payload) as Change
    } catch {
      break
    }
    if (
      change?.key !== key ||
      change.count !== snapshot.files.length ||
      !Array.isArray(change.files)
    )
      break
    const fits = change.files.every(
      (row) =>
        Array.isArray(row) && Number.isInteger(row[0]) && row[0] >= 0 && row[0] < change.count
    )
    if (!fits) break
    snapshot.now = change.now
    snapshot.spent = change.spent
    stored.build = change.build
    if (change.routes) snapshot.routes = change.routes
    for (const [index, item] of change.files) {
      // own-key: `index` is an integer inside the list (checked above).
      snapshot.files[index] = item
    }
    end += recordHead + length
    records++
  }
  return { end, records }
}

/**
 * The snapshot `writeSnapshot` kept in `file` under `key`; `undefined`
 * when there is none, it was kept under another key or format, or it is
 * damaged.
 */
export function readSnapshot(file: string, key: string): SavedSnapshot | undefined {
  let stored: Stored
  let size: number
  try {
    const bytes = readFileSync(file)
    size = bytes.length
    stored = deserialize(bytes) as Stored
  } catch {
    return undefined
  }
  if (
    stored?.format !== 2 ||
    stored.key !== key ||
    stored.versions !== galleyVersions() ||
    stored.snapshot?.version !== 4 ||
    !Array.isArray(stored.snapshot.linked) ||
    !Array.isArray(stored.snapshot.files)
  ) {
    return undefined
  }
  const bodiesFile = `${file}.bodies`
  const bodies = openHead(bodiesFile)
  if (bodies?.id !== stored.bodies) return undefined
  const { snapshot, generation } = stored
  const applied = applyChanges(`${file}.changes`, generation, key, stored)
  const where = path.resolve(file)
  const tag = `${where}\u0000${generation}`
  for (const item of snapshot.files) origins.set(item, tag)
  known.set(where, {
    generation,
    key,
    bodies: bodies.id,
    ...applied,
    size,
    count: snapshot.files.length,
    routes: snapshot.routes
  })
  return {
    snapshot: stored.snapshot,
    build: stored.build,
    text: (where) => {
      if ((where as Range).bodies !== bodies.id) {
        throw new Error('Expected a text of this snapshot’s bodies file')
      }
      return readRange(bodiesFile, where).toString('utf8')
    }
  }
}

/** The id a bodies or changes file starts with, and its size. */
function openHead(file: string): { id: string; size: number } | undefined {
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
