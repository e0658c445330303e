import { createHash } from 'node:crypto'
import { lstatSync } from 'node:fs'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { readManifest } from './outdir.js'

/** What a build knows of one file it wrote, for the next build. */
export interface OutputRecord {
  /** SHA-256 of the bytes. */
  hash: string
  /** Size, inode and modification time (ns) of the file as written: a file changed since differs. */
  size: string
  ino: string
  mtime: string
  /** What laying it out read (see `OutputTrace`), if a layout made it. */
  reads?: string[] | undefined
  /** Fingerprint of those inputs then. */
  fingerprint?: string | undefined
}

/** The text of the records file: read keys are shared, by index. */
interface Stored {
  version: 1
  stamp: string
  /** The id of the build that wrote them (`WriteOptions.build`). */
  build?: string | undefined
  /** Each folder of the output folder (`''` for itself) and its stamp, when it was known to hold only Galley's files. */
  folders?: Array<[folder: string, stamp: string]>
  keys: string[]
  files: Array<
    [
      path: string,
      hash: string,
      size: string,
      ino: string,
      mtime: string,
      reads?: number[],
      fingerprint?: string
    ]
  >
}

/**
 * The records of the build that wrote an output folder last; none when the
 * file is missing or damaged. Records made with another `stamp` (other
 * layout code, another version of Galley) keep what each file is, not what
 * it was laid out from: every page is laid out again, and only files whose
 * bytes change are written.
 */
export async function readRecords(file: string, stamp: string): Promise<Map<string, OutputRecord>> {
  return (await readRecordsFile(file, stamp)).records
}

/** What a records file holds. */
export interface RecordsFile {
  records: Map<string, OutputRecord>
  /** The folders' stamps (see `folderStamps`). */
  folders: Map<string, string> | undefined
  /** The id of the build that wrote it, if it had one. */
  build: string | undefined
}

/** What a records file holds: the records, the folders' stamps (see `folderStamps`), the build's id. */
export async function readRecordsFile(file: string, stamp: string): Promise<RecordsFile> {
  const records = new Map<string, OutputRecord>()
  const none = { records, folders: undefined, build: undefined }
  let stored: Stored
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Stored
  } catch {
    return none
  }
  if (stored?.version !== 1 || !Array.isArray(stored.files)) return none
  const folders = Array.isArray(stored.folders)
    ? new Map(
        stored.folders.filter(
          (row): row is [string, string] =>
            Array.isArray(row) && typeof row[0] === 'string' && typeof row[1] === 'string'
        )
      )
    : undefined
  const same = stored.stamp === stamp
  const keys = Array.isArray(stored.keys) ? stored.keys : []
  for (const row of stored.files) {
    if (!Array.isArray(row) || row.length < 5) continue
    const [where, hash, size, ino, mtime, reads, fingerprint] = row
    const named = same && Array.isArray(reads) ? reads.map((index) => keys[index]) : undefined
    records.set(String(where), {
      hash: String(hash),
      size: String(size),
      ino: String(ino),
      mtime: String(mtime),
      reads:
        named?.every((key): key is string => typeof key === 'string') === true ? named : undefined,
      fingerprint: same && typeof fingerprint === 'string' ? fingerprint : undefined
    })
  }
  const build = same && typeof stored.build === 'string' ? stored.build : undefined
  return { records, folders, build }
}

/** Keep the records of a build (written whole, then renamed into place). */
export async function writeRecords(
  file: string,
  stamp: string,
  records: ReadonlyMap<string, OutputRecord>,
  folders?: ReadonlyMap<string, string> | undefined,
  build?: string | undefined
): Promise<void> {
  const keys: string[] = []
  const index = new Map<string, number>()
  const at = (key: string) => {
    let found = index.get(key)
    if (found === undefined) {
      found = keys.length
      keys.push(key)
      index.set(key, found)
    }
    return found
  }
  const files: Stored['files'] = []
  for (const [where, record] of records) {
    const row: Stored['files'][number] = [where, record.hash, record.size, record.ino, record.mtime]
    if (record.reads && record.fingerprint) row.push(record.reads.map(at), record.fingerprint)
    files.push(row)
  }
  const stored: Stored = { version: 1, stamp, keys, files }
  if (folders) stored.folders = [...folders]
  if (build !== undefined) stored.build = build
  await mkdir(path.dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, JSON.stringify(stored))
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
  return { hash, size: String(stats.size), ino: String(stats.ino), mtime: String(stats.mtimeMs) }
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
  const records = await readRecords(file, '')
  const listed = await readManifest(target)
  if (listed.size === 0 || listed.size !== records.size) return false
  for (const where of listed) {
    const record = records.get(where)
    if (!record || !unchanged(path.join(target, where), record)) return false
  }
  return true
}
