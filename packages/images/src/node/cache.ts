import { createHash, randomUUID } from 'node:crypto'
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { ImageProblem, ImageVariant } from '../types.js'

/** What sharp read of a file's header. */
export type Probe = { width: number; height: number; format: string } | ImageProblem

/** What making an image's variants gave: their sizes (the bytes are files beside), or why it failed. */
export type Made = { variants: Array<Omit<ImageVariant, 'url'>> } | { failed: string }

/** The image cache's record, kept as one JSON file. */
interface Manifest {
  version: string
  probes: Record<string, Probe>
  made: Record<string, Made>
  /** Remote images downloaded: the digest of each URL's bytes. */
  remote: Record<string, string>
}

/**
 * A folder that keeps what image work gave, by content: each file's probe
 * by its digest, each set of variants by the digest and the settings that
 * made it, with the variants' bytes as files. Without a folder, it keeps
 * them for the one call only.
 */
export interface ImageCache {
  probe(digest: string): Probe | undefined
  setProbe(digest: string, probe: Probe): void
  made(key: string): Made | undefined
  setMade(key: string, made: Made): void
  /** The bytes of a variant kept, or `undefined`. */
  read(name: string): Promise<Uint8Array | undefined>
  write(name: string, value: Uint8Array): Promise<void>
  /** The digest of a remote image downloaded before, whose bytes are kept as `remote-<digest>`. */
  remote(url: string): string | undefined
  /** Keep a remote image's bytes; gives their digest. */
  keepRemote(url: string, value: Uint8Array): Promise<string>
  /** Write the record, when it changed. */
  save(): Promise<void>
}

/**
 * Open the image cache in `folder` (made when first written), for the
 * `version` of the encoder: a record of another version is not read.
 */
export async function openImageCache(
  folder: string | undefined,
  version: string
): Promise<ImageCache> {
  let manifest: Manifest = {
    version,
    probes: Object.create(null),
    made: Object.create(null),
    remote: Object.create(null)
  }
  const memory = new Map<string, Uint8Array>()
  const record = folder && path.join(folder, 'images.json')
  if (record) {
    try {
      const read = JSON.parse(await readFile(record, 'utf8')) as Partial<Manifest>
      if (read.version === version && read.probes && read.made) {
        manifest = {
          version,
          probes: bare(read.probes),
          made: bare(read.made),
          remote: bare(read.remote ?? {})
        }
      }
    } catch {
      // None yet, or unreadable: start anew.
    }
  }
  let changed = false
  const write = async (name: string, value: Uint8Array): Promise<void> => {
    if (!folder) {
      memory.set(name, value)
      return
    }
    await mkdir(path.join(folder, 'files'), { recursive: true })
    const file = path.join(folder, 'files', name)
    const temporary = `${file}.${process.pid}.${randomUUID()}.tmp`
    await writeFile(temporary, value)
    await rename(temporary, file)
  }
  return {
    probe: (digest) => manifest.probes[digest],
    setProbe(digest, probe) {
      // own-key: a hex digest; the record has no prototype.
      manifest.probes[digest] = probe
      changed = true
    },
    made: (key) => manifest.made[key],
    remote: (url) => manifest.remote[url],
    async keepRemote(url, value) {
      const digest = createHash('sha256').update(value).digest('hex')
      await write(`remote-${digest}`, value)
      // own-key: a URL, on a record with no prototype.
      manifest.remote[url] = digest
      changed = true
      return digest
    },
    setMade(key, made) {
      // own-key: a hex digest; the record has no prototype.
      manifest.made[key] = made
      changed = true
    },
    async read(name) {
      if (!folder) return memory.get(name)
      try {
        return await readFile(path.join(folder, 'files', name))
      } catch {
        return undefined
      }
    },
    write,
    async save() {
      if (!record || !changed) return
      await mkdir(folder, { recursive: true })
      const temporary = `${record}.${process.pid}.${randomUUID()}.tmp`
      await writeFile(temporary, JSON.stringify(manifest))
      await rename(temporary, record)
      changed = false
    }
  }
}

/** A record read from JSON, copied onto an object with no prototype. */
function bare<T>(value: Record<string, T>): Record<string, T> {
  // own-key: a `__proto__` key of the JSON is an own property here, with no prototype to reach.
  return Object.assign(Object.create(null), value)
}
