import { randomBytes } from 'node:crypto'
import { copyFile, link, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { OutputFile } from '../output.js'
import { galleyVersions } from './cache.js'
import {
  checkOutDir,
  manifestFor,
  manifestName,
  OutDirError,
  type OutDirOptions,
  readManifest
} from './outdir.js'
import {
  digest,
  type OutputRecord,
  readRecords,
  statOf,
  unchanged,
  writeRecords
} from './records.js'

/** Configuration for `writeSite`. */
export interface WriteOptions extends OutDirOptions {
  /**
   * A file (in a cache folder, such as `.cache/galley/outputs.json`) where
   * a build keeps what it wrote and what each page was laid out from, so
   * the next build lays out only pages whose inputs changed and writes only
   * files whose bytes change (default: none: every file is laid out and
   * written).
   */
  records?: string | null | undefined
  /**
   * Text naming the code layouts run, such as a hash of the config file and
   * the modules it imports: records kept with another stamp are not used
   * (default: none).
   */
  stamp?: string | null | undefined
}

/** What `writeSite` did. */
export interface WriteSummary {
  /** Files written anew (laid out, or whose bytes changed). */
  written: number
  /** Files kept as they were. */
  kept: number
  /** Files of the previous build that are gone. */
  removed: number
}

/**
 * Write a whole site atomically, and only what changed. The new site is
 * staged in a folder beside `outDir`: files whose bytes change are written
 * there, files that stay the same are hard links to the previous build's
 * (a page whose layout inputs are all unchanged is not even laid out, see
 * `records`), and files no longer built are left out; then the staged
 * folder replaces `outDir` by renaming. When nothing changed, nothing is
 * written at all. If anything fails, the previous `outDir` is left
 * untouched and the staged folder is removed; a build killed at any moment
 * leaves the old site or the new one (between the two renames, the old one
 * beside `outDir`, which the next build, or `recoverOutDir`, puts back).
 * Nothing is ever written outside `outDir` (and its staged sibling): a path
 * that would leave it throws before any write.
 *
 * Nothing that is not Galley's is ever replaced: `checkOutDir` runs first
 * (the folder is not the site's folder or a source, and holds only files a
 * previous build wrote, unless `force`), and the site gets a manifest,
 * `.galley-manifest.json`, listing what was written, for the next build to
 * check against.
 *
 * @param outDir
 *   Output folder.
 * @param files
 *   Files, with paths relative to `outDir`.
 * @param options
 *   `root`, `sources` and `force`, as `checkOutDir` reads them, and
 *   `records` and `stamp` (optional).
 * @returns
 *   What was written, kept and removed.
 */
export async function writeSite(
  outDir: string,
  files: ReadonlyArray<OutputFile>,
  options?: Readonly<WriteOptions> | null
): Promise<WriteSummary> {
  const target = path.resolve(outDir)
  await recoverOutDir(target)
  await checkOutDir(outDir, options)
  const suffix = randomBytes(4).toString('hex')
  const temporary = `${target}.galley-tmp-${suffix}`
  // Every path is checked before anything is written.
  const planned = files.map((file) => ({ where: relativeInside(file.path), file }))
  const stamp = `${galleyVersions()}\u0000${options?.stamp ?? ''}`
  const previous = options?.records
    ? await readRecords(options.records, stamp)
    : new Map<string, OutputRecord>()
  const listed = await readManifest(target)
  const records = new Map<string, OutputRecord>()
  const kept: string[] = []
  let staged: Promise<unknown> | undefined
  const stage = () => {
    staged ??= mkdir(temporary, { recursive: true })
    return staged
  }
  const makeFolder = folderMaker(temporary)

  try {
    // Values are read one at a time as they are decided (pages are laid out
    // then), and only changed ones are written: few are ever in memory.
    await eachAtOnce(planned, async ({ where, file }) => {
      const record = listed.has(file.path) ? previous.get(file.path) : undefined
      const old = record && unchanged(path.join(target, where), record) ? record : undefined
      const trace = file.trace
      if (
        old?.reads &&
        old.fingerprint &&
        trace &&
        trace.fingerprint(old.reads) === old.fingerprint
      ) {
        kept.push(where)
        records.set(file.path, old)
        return
      }
      const value = file.value
      const hash = digest(value)
      const made = trace?.made
      if (old && old.hash === hash) {
        kept.push(where)
        records.set(file.path, { ...old, reads: made?.reads, fingerprint: made?.fingerprint })
        return
      }
      await stage()
      const to = path.join(temporary, where)
      await makeFolder(path.dirname(to))
      await writeFile(to, value)
      const written = statOf(to, hash)
      if (written) {
        records.set(file.path, { ...written, reads: made?.reads, fingerprint: made?.fingerprint })
      }
    })
    const paths = new Set(files.map((file) => file.path))
    const removed = [...listed].filter((file) => !paths.has(file)).length
    const written = files.length - kept.length
    const hasManifest = listed.size > 0 || files.length === 0
    if (written === 0 && removed === 0 && hasManifest && (await exists(target))) {
      if (options?.records) await writeRecords(options.records, stamp, records)
      return { written, kept: kept.length, removed }
    }
    await stage()
    await eachAtOnce(kept, async (where) => {
      const to = path.join(temporary, where)
      await makeFolder(path.dirname(to))
      await link(path.join(target, where), to).catch(() => copyFile(path.join(target, where), to))
    })
    // The manifest too is kept when it lists the same files.
    const manifest = path.join(temporary, manifestName)
    if (removed === 0 && listed.size === paths.size) {
      await link(path.join(target, manifestName), manifest).catch(() =>
        writeFile(manifest, manifestFor([...paths]))
      )
    } else await writeFile(manifest, manifestFor([...paths]))
    await swap(target, temporary, suffix)
    if (options?.records) await writeRecords(options.records, stamp, records)
    return { written, kept: kept.length, removed }
  } catch (error) {
    await rm(temporary, { recursive: true, force: true })
    throw error
  }
}

/**
 * Put the staged folder in the place of `target`: move the old site aside,
 * move the new one in, then remove the old one. Killed between the two
 * renames, the old site waits beside `target` for `recoverOutDir`.
 */
async function swap(target: string, temporary: string, suffix: string): Promise<void> {
  const old = `${target}.galley-old-${suffix}`
  const had = await exists(target)
  if (had) await rename(target, old)
  try {
    await rename(temporary, target)
  } catch (error) {
    if (had) await rename(old, target)
    throw error
  }
  if (had) await rm(old, { recursive: true, force: true })
}

/**
 * Undo what a killed build left: when `outDir` is missing and the old site
 * waits beside it (killed between `writeSite`'s two renames), put it back;
 * then remove staged and old folders of builds that did not finish.
 * `writeSite` does this first; call it before serving a folder a build may
 * have been killed in.
 *
 * @param outDir
 *   Output folder.
 */
export async function recoverOutDir(outDir: string): Promise<void> {
  const target = path.resolve(outDir)
  const parent = path.dirname(target)
  const base = path.basename(target)
  const left = (await readdir(parent, { withFileTypes: true }).catch(() => []))
    .filter(
      (entry) =>
        entry.isDirectory() &&
        entry.name.startsWith(base) &&
        /^\.galley-(tmp|old)-[0-9a-f]{8}$/.test(entry.name.slice(base.length))
    )
    .map((entry) => ({ name: entry.name, old: entry.name.includes('.galley-old-') }))
  if (left.length === 0) return
  const old = left.find((entry) => entry.old)
  if (old && !(await exists(target))) {
    await rename(path.join(parent, old.name), target)
    old.name = ''
  }
  for (const entry of left) {
    if (entry.name) await rm(path.join(parent, entry.name), { recursive: true, force: true })
  }
}

/**
 * Add files to a folder another tool wrote (feeds next to Eleventy's or
 * Astro's pages): every path is checked before anything is written, and one
 * that resolves outside `outDir` throws. Unlike `writeSite`, the folder's
 * other files stay — and are never replaced: a file already there that an
 * earlier `writeInto` did not write (the other tool's own `sitemap.xml`)
 * throws before any write, unless `force`. What was written is added to
 * the folder's `.galley-manifest.json`.
 *
 * @param outDir
 *   Output folder.
 * @param files
 *   Files, with paths relative to `outDir`.
 * @param options
 *   `force` (optional).
 */
export async function writeInto(
  outDir: string,
  files: ReadonlyArray<OutputFile>,
  options?: Readonly<Pick<OutDirOptions, 'force'>> | null
): Promise<void> {
  const root = path.resolve(outDir)
  const planned = files.map((file) => ({ to: inside(root, file.path), file }))
  const listed = await readManifest(root)
  if (!options?.force) {
    const taken: string[] = []
    for (const { to, file } of planned) {
      const exists = await stat(to).then(
        () => true,
        () => false
      )
      if (exists && !listed.has(file.path)) taken.push(file.path)
    }
    if (taken.length > 0) {
      throw new OutDirError(
        `Refusing to replace ${taken.map((file) => `\`${file}\``).join(', ')} in \`${outDir}\`: another tool wrote ${taken.length === 1 ? 'it' : 'them'}; turn off one of the two, or change the path Galley writes (such as \`feed.path\`)`
      )
    }
  }
  for (const { to, file } of planned) {
    await mkdir(path.dirname(to), { recursive: true })
    await writeFile(to, file.value)
  }
  const all = new Set([...listed, ...files.map((file) => file.path)])
  await writeFile(path.join(root, manifestName), manifestFor([...all]))
}

/**
 * Run `task` on every item, a few at a time: the disk stays busy, and only
 * as many laid-out pages as there are tasks in flight are in memory. Every
 * task settles before a failure is thrown, so none lands after the caller
 * cleans up.
 */
async function eachAtOnce<T>(items: ReadonlyArray<T>, task: (item: T) => Promise<void>) {
  let next = 0
  let failed = false
  const worker = async () => {
    while (next < items.length && !failed) await task(items[next++] as T)
  }
  const settled = await Promise.allSettled(
    Array.from({ length: Math.min(concurrency, items.length) }, () =>
      worker().catch((error: unknown) => {
        failed = true
        throw error
      })
    )
  )
  const rejected = settled.find((result) => result.status === 'rejected')
  if (rejected) throw rejected.reason
}

/** Make folders under `root`, each once (`root` is made apart). */
function folderMaker(root: string): (folder: string) => Promise<unknown> {
  const made = new Map<string, Promise<unknown>>()
  return (folder) => {
    let ready = made.get(folder)
    if (!ready) {
      ready = folder === root ? Promise.resolve() : mkdir(folder, { recursive: true })
      made.set(folder, ready)
    }
    return ready
  }
}

/** How many files `writeSite` writes at once. */
const concurrency = 16

function inside(root: string, relative: string): string {
  const resolved = path.resolve(root, relative)
  if (path.isAbsolute(relative) || !resolved.startsWith(root + path.sep)) {
    throw new Error(
      `Refusing to write \`${relative}\`: it resolves outside the output folder; check the permalink`
    )
  }
  return resolved
}

/** `relative`, normalized, when it stays inside a folder; else it throws. */
function relativeInside(relative: string): string {
  const root = path.resolve('/galley-out')
  return path.relative(root, inside(root, relative))
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false
  )
}
