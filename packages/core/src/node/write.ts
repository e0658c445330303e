import { randomBytes } from 'node:crypto'
import { existsSync, linkSync, lstatSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import type { OutputFile } from '../output.js'
import { galleyVersions } from './cache.js'
import { commitInPlace, recoverOutDir, swap } from './commit.js'
import { folderGuard } from './folder-guard.js'
import {
  checkOutDir,
  folderStamps,
  manifestFor,
  manifestName,
  OutDirError,
  type OutDirOptions,
  readManifest,
  refuseForeign,
  restamp,
  restampMoved
} from './outdir.js'
import { isPlain, joinPlain } from './paths.js'
import {
  digest,
  noRecords,
  type OutputRecord,
  readRecordsFile,
  statOf,
  unchanged,
  writeRecords
} from './records.js'
import { innerStagedName, stagedName } from './staged-names.js'

/** Configuration for `writeSite`. */
export interface WriteOptions extends OutDirOptions {
  /**
   * A file (in a cache folder, such as `.cache/galley/outputs/dist.bin`)
   * where a build keeps what it wrote and what each page was laid out
   * from, so the next build lays out only pages whose inputs changed and
   * writes only files whose bytes change (default: none: every page is laid
   * out, and only files whose bytes are known are kept).
   */
  records?: string | null | undefined
  /**
   * Text naming the code layouts run, such as a hash of the config file and
   * the modules it imports: pages laid out under another stamp are laid
   * out again (default: none).
   */
  stamp?: string | null | undefined
  /**
   * Lay out and compare everything as if there were no records, and keep
   * new ones (`galley build --fresh`) (default: `false`).
   */
  fresh?: boolean | null | undefined
  /**
   * An id of this build (random text), kept with the records: a later
   * build resumed from this one names it as `since` (default: none).
   */
  build?: string | null | undefined
  /**
   * The id (`build`) of the build that the pipeline resumed from
   * (`Galley.resume`): when the records are that build's, a page whose
   * trace says its inputs are all as they were then (`OutputTrace.same`)
   * is kept without computing its fingerprint (default: none).
   */
  since?: string | null | undefined
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
 * Write a whole site, only what changed, and atomically. Files whose bytes
 * change are written into a staged folder beside `outDir`; a page whose
 * layout inputs are all unchanged (see `records`) is not even laid out, and
 * a file whose bytes are unchanged is kept. When nothing changed, nothing
 * is written. Then the build commits (see `CommitMode`): when few files
 * change, a journal is written and each changed file is renamed over its
 * old self; when most change, the staged folder (the rest hard-linked)
 * replaces `outDir`. If anything fails before the commit, `outDir` is left
 * untouched and the staged folder is removed; a build killed at any moment
 * leaves the old site, the new one, or — killed inside the commit, which
 * takes a rename per changed file — a journal that `recoverOutDir` (run
 * first by every `writeSite`) finishes. Nothing is ever written outside
 * `outDir` and its staged sibling: a path that would leave it throws
 * before any write.
 *
 * Nothing that is not Galley's is ever replaced: `checkOutDir` runs first
 * (the folder is not the site's folder or a source), and before anything
 * is written the folder must hold only files a previous build wrote,
 * unless `force` (a build that changes nothing touches nothing, and does
 * not look); the site gets a manifest,
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
  // Others' files are looked for only when this build is to write (below).
  await checkOutDir(outDir, { ...options, force: true })
  const found = lstatSync(target, { throwIfNoEntry: false })
  if (found && !found.isDirectory() && !found.isSymbolicLink()) {
    throw new OutDirError(
      `Refusing to replace \`${outDir}\`: it is a file, not a folder a build wrote; move it away, or build into another folder (\`--out\`, \`outDir\`)`
    )
  }
  // A mount point cannot be renamed, nor files renamed into it from
  // beside it: the build stages inside it and commits file by file.
  const mounted = found?.isDirectory() === true && isMountPoint(target)
  const suffix = randomBytes(4).toString('hex')
  const staged = mounted ? innerStagedName(target, suffix) : stagedName(target, 'tmp', suffix)
  // Every path is checked before anything is written.
  const planned = files.map((file) => ({ where: relativeInside(file.path), file }))
  const stamp = `${galleyVersions()}\u0000${options?.stamp ?? ''}`
  const stored =
    options?.records && !options.fresh ? await readRecordsFile(options.records, stamp) : noRecords
  // Records of the very build the pipeline resumed from: its traces know what changed since.
  const resumed = Boolean(options?.since) && stored.build === options?.since
  const listed = await readManifest(target)
  const records = new Map<string, OutputRecord>()
  const kept: string[] = []
  const written: string[] = []
  const makeFolder = folderMaker(staged)

  try {
    // One value at a time: a page is laid out here, if at all, and written
    // only when its bytes changed, so few are ever in memory.
    for (const { where, file } of planned) {
      const record = listed.has(file.path) ? stored.get(file.path) : undefined
      const old = record && unchanged(joinPlain(target, where), record) ? record : undefined
      const trace = file.trace
      if (
        old?.reads &&
        old.fingerprint &&
        ((resumed && trace?.same?.(old.reads)) ||
          // Not hashed when a read is known to have changed.
          (!(resumed && trace?.changed?.(old.reads)) &&
            trace?.fingerprint(old.reads) === old.fingerprint))
      ) {
        kept.push(where)
        records.set(file.path, old)
        continue
      }
      const value = file.value
      const hash = digest(value)
      const made = trace?.made
      if (old && old.hash === hash) {
        kept.push(where)
        records.set(file.path, { ...old, reads: made?.reads, fingerprint: made?.fingerprint })
        continue
      }
      const to = path.join(staged, where)
      makeFolder(path.dirname(to))
      writeFileSync(to, value)
      written.push(where)
      const now = statOf(to, hash)
      if (now)
        records.set(file.path, { ...now, reads: made?.reads, fingerprint: made?.fingerprint })
    }
    const paths = new Set(files.map((file) => file.path))
    const removed = [...listed].filter((file) => !paths.has(file))
    const sameList = removed.length === 0 && listed.size === paths.size
    const summary = { written: written.length, kept: kept.length, removed: removed.length }
    const exists = existsSync(target)
    if (written.length === 0 && sameList && exists && listed.size > 0) {
      // The folders' stamps stay those of the build that last wrote.
      if (options?.records) {
        await writeRecords(
          options.records,
          stamp,
          records,
          stored.folders,
          options.build ?? undefined
        )
      }
      return summary
    }
    makeFolder(staged)
    if (!sameList || !existsSync(path.join(target, manifestName))) {
      writeFileSync(path.join(staged, manifestName), manifestFor([...paths]))
      written.push(manifestName)
    } else kept.push(manifestName)

    // In place only when every file there is Galley's (`force` may have let
    // others stay, and a build replaces them) and few change.
    const few = written.length + removed.length <= kept.length
    const inPlace = exists && (mounted || (!options?.force && few && fits(target, written)))
    if (mounted && !fits(target, written)) {
      throw new OutDirError(
        `Cannot build into \`${outDir}\`: it is a mount point, which Galley fills file by file, and a folder or link of it stands where a file goes; empty it, or build into a folder that is not a mount point`
      )
    }
    // Nothing that is not Galley's is ever replaced or deleted, whichever
    // way the build commits. In place, folders unchanged since the last
    // build wrote them are not listed again (and only Galley's own files
    // are touched); a swap replaces the folder, so every folder is listed.
    const seen = new Map<string, string>()
    if (!options?.force) {
      await refuseForeign(target, options, inPlace ? stored.folders : undefined, seen)
    }
    if (inPlace) {
      commitInPlace(target, staged, written, removed.map(relativeInside))
    } else {
      for (const where of kept) {
        const to = path.join(staged, where)
        makeFolder(path.dirname(to))
        linkSync(path.join(target, where), to)
      }
      swap(target, staged, suffix)
    }
    if (options?.records) {
      // Now the folder holds Galley's files only: what the next build compares with.
      // In place, only the folders of what moved have new stamps.
      const touched = [...written.map(toPosix), ...removed]
      const folders =
        inPlace && !options?.force
          ? // The same files in the same folders: only the moved ones are read.
            sameList && seen.size > 0
            ? restampMoved(target, seen, touched)
            : restamp(target, paths, seen, touched)
          : folderStamps(target, paths)
      await writeRecords(options.records, stamp, records, folders, options.build ?? undefined)
    }
    return summary
  } catch (error) {
    rmSync(staged, { recursive: true, force: true })
    throw error
  }
}

/** Whether `folder` is the root of a file system mounted there (a container's volume). */
function isMountPoint(folder: string): boolean {
  const parent = statSync(path.dirname(folder), { throwIfNoEntry: false })
  return parent !== undefined && statSync(folder).dev !== parent.dev
}

/**
 * Whether every file can be renamed into place: nothing on its way is a
 * file or a link, and it is not a folder itself.
 */
function fits(target: string, files: ReadonlyArray<string>): boolean {
  const checked = new Map<string, boolean>()
  const isFolder = (folder: string): boolean => {
    let known = checked.get(folder)
    if (known === undefined) {
      const stats = lstatSync(folder, { throwIfNoEntry: false })
      // A folder not there yet is made as the file moves in.
      known = stats === undefined ? isFolder(path.dirname(folder)) : stats.isDirectory()
      checked.set(folder, known)
    }
    return known
  }
  checked.set(target, true)
  return files.every((where) => {
    const to = path.join(target, where)
    const stats = lstatSync(to, { throwIfNoEntry: false })
    return (stats === undefined || stats.isFile()) && isFolder(path.dirname(to))
  })
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
  const guard = folderGuard(root)
  for (const { to, file } of planned) {
    guard(path.dirname(to))
    await writeFile(to, file.value)
  }
  const all = new Set([...listed, ...files.map((file) => file.path)])
  await writeFile(path.join(root, manifestName), manifestFor([...all]))
}

/** A relative path with `/` separators. */
function toPosix(relative: string): string {
  return relative.split(path.sep).join('/')
}

/** Make folders under `root`, each once, each checked by `folderGuard` before it is written into. */
function folderMaker(root: string): (folder: string) => void {
  const made = new Set<string>()
  const guard = folderGuard(root)
  return (folder) => {
    if (made.has(folder)) return
    guard(folder)
    made.add(folder)
  }
}

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
  // Plain names joined by `/` are that path already (as `path.relative` would give it).
  if (path.sep === '/' && isPlain(relative)) return relative
  const root = path.resolve('/galley-out')
  return path.relative(root, inside(root, relative))
}
