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
import type { BuildSnapshot, SnapshotText } from '../types.js'

/**
 * A snapshot read back (`readSnapshot`): the snapshot, and how to read the
 * `html` it keeps beside it.
 */
export interface SavedSnapshot {
  snapshot: BuildSnapshot
  /** Read one entry's `html` (for `ResumeOptions.text`). */
  text(where: SnapshotText): string
}

/** Where an `html` is, in this store: a byte range of one bodies file. */
interface Range extends SnapshotText {
  /** The id of the bodies file. */
  bodies: string
}

/** What the snapshot file holds besides the snapshot. */
interface Stored {
  format: 1
  key: string
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
  mkdirSync(path.dirname(file), { recursive: true })
  const bodiesFile = `${file}.bodies`
  const current = openBodies(bodiesFile)
  const entries = snapshot.files.flatMap((item) => (item.entry ? [item.entry] : []))
  let live = 0
  let kept = 0
  for (const entry of entries) {
    const html = entry.html
    if (typeof html === 'string') live += Buffer.byteLength(html)
    else if (current && (html as Range).bodies === current.id) {
      live += html.length
      kept++
    }
  }
  // Appended to while most of it is still read; else written anew.
  const append = current !== undefined && kept > 0 && current.size <= 2 * live + (1 << 20)
  let target: { id: string; fd: number; at: number }
  let written: string
  if (append && current) {
    target = { id: current.id, fd: openSync(bodiesFile, 'a'), at: current.size }
    written = bodiesFile
  } else {
    const id = randomBytes(idLength / 2).toString('hex')
    written = `${bodiesFile}.${process.pid}.tmp`
    target = { id, fd: openSync(written, 'w'), at: 0 }
    writeSync(target.fd, id)
    target.at = idLength
  }
  const replaced: Array<[index: number, range: Range]> = []
  try {
    for (const [index, entry] of entries.entries()) {
      const html = entry.html
      let bytes: Buffer | undefined
      if (typeof html === 'string') bytes = Buffer.from(html)
      else if (!append || (html as Range).bodies !== target.id) {
        if (!current || (html as Range).bodies !== current.id) {
          throw new Error('Expected every `html` of a snapshot to be text or in its bodies file')
        }
        bytes = readRange(bodiesFile, html)
      }
      if (!bytes) continue
      writeSync(target.fd, bytes)
      replaced.push([index, { offset: target.at, length: bytes.length, bodies: target.id }])
      target.at += bytes.length
    }
  } finally {
    closeSync(target.fd)
  }
  // The entries with their bodies' ranges (the caller's snapshot is left as it was).
  const ranges = new Map(replaced)
  let at = 0
  const files = snapshot.files.map((item) => {
    if (!item.entry) return item
    const range = ranges.get(at++)
    return range ? { ...item, entry: { ...item.entry, html: range } } : item
  })
  const stored: Stored = { format: 1, key, bodies: target.id, snapshot: { ...snapshot, files } }
  let bytes: Buffer
  try {
    bytes = serialize(stored)
  } catch (error) {
    rmSync(file, { force: true })
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
  if (stored?.format !== 1 || stored.key !== key || stored.snapshot?.version !== 1) return undefined
  const bodiesFile = `${file}.bodies`
  const bodies = openBodies(bodiesFile)
  if (bodies?.id !== stored.bodies) return undefined
  return {
    snapshot: stored.snapshot,
    text: (where) => readRange(bodiesFile, where).toString('utf8')
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
