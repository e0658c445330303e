import { lstatSync, readdirSync } from 'node:fs'
import { lstat, readFile, realpath } from 'node:fs/promises'
import path from 'node:path'
import { joinPlain } from './paths.js'
import { isInnerStaged } from './staged-names.js'

/** The file `writeSite` leaves in every output folder: the list of files it wrote. */
export const manifestName = '.galley-manifest.json'

/** Configuration for `checkOutDir` and `writeSite`. */
export interface OutDirOptions {
  /**
   * The site's folder: the output folder may be inside it (`dist`), never
   * the folder itself or one above it (default: none).
   */
  root?: string | null | undefined
  /**
   * What the build reads — the content folder, `public/`, the config file,
   * data folders: the output folder may not be any of them, hold one, or be
   * inside one (default: none).
   */
  sources?: ReadonlyArray<string> | null | undefined
  /**
   * What the build reads leaving the output folder out (the content
   * folder, whose walk skips it): the output folder may be inside one
   * (a Jekyll site's content is its whole folder), never be or hold one
   * (default: none).
   */
  containers?: ReadonlyArray<string> | null | undefined
  /**
   * Replace an output folder that holds files Galley did not write (no
   * manifest, or files the manifest does not list) (default: `false`).
   * Never allows an output folder that is, holds or sits in a source.
   */
  force?: boolean | null | undefined
}

/** Why an output folder was refused. */
export class OutDirError extends Error {
  override name = 'OutDirError'
}

/**
 * Check, before any work, that building into `outDir` destroys nothing
 * that is not Galley's: a build replaces the whole folder, so it must not
 * be or hold the site's folder or a source, must not sit inside a source,
 * and, unless `force`, may only hold files a previous build wrote (as its
 * manifest lists them). Symbolic links are resolved first, so a link to
 * `content/` is `content/`.
 *
 * @param outDir
 *   Output folder.
 * @param options
 *   Configuration (optional).
 * @returns
 *   Nothing; throws an `OutDirError` saying what to do.
 */
export async function checkOutDir(
  outDir: string,
  options?: Readonly<OutDirOptions> | null
): Promise<void> {
  const out = await real(outDir)
  // Paths are shown relative to the site's folder when there is one.
  const base = options?.root ? path.resolve(options.root) : undefined
  const shown = (value: string) => {
    const absolute = path.resolve(value)
    return `\`${base ? path.relative(base, absolute) || '.' : absolute}\``
  }
  const refuse = (why: string): never => {
    throw new OutDirError(
      `Refusing to build into ${shown(outDir)}: ${why}; a build replaces its output folder, so choose a folder of its own, such as \`dist\``
    )
  }
  if (options?.root) {
    const root = await real(options.root)
    if (within(root, out)) {
      refuse(out === root ? "it is the site's folder" : `it holds the site's folder ${shown(root)}`)
    }
  }
  for (const source of [...(options?.sources ?? []), ...(options?.containers ?? [])]) {
    const resolved = await real(source)
    if (within(resolved, out)) {
      refuse(
        out === resolved
          ? `it is ${shown(source)}, which the build reads`
          : `it holds ${shown(source)}, which the build reads`
      )
    }
    const container = options?.containers?.includes(source) === true
    if (!container && within(out, resolved)) {
      refuse(`it is inside ${shown(source)}, which the build reads`)
    }
  }
  if (options?.force) return
  await refuseForeign(outDir, options)
}

/**
 * Throw an `OutDirError` when `outDir` holds files Galley did not write
 * (none, or not listed in its manifest): a build would delete them. The
 * stamp of each folder found to hold only Galley's files goes into `seen`,
 * when given.
 */
export async function refuseForeign(
  outDir: string,
  options?: Readonly<Pick<OutDirOptions, 'root'>> | null,
  folders?: ReadonlyMap<string, string> | undefined,
  seen?: Map<string, string> | undefined
): Promise<void> {
  const foreign = await foreignFiles(await real(outDir), folders, seen)
  if (foreign.length === 0) return
  const base = options?.root ? path.resolve(options.root) : undefined
  const absolute = path.resolve(outDir)
  const shown = `\`${base ? path.relative(base, absolute) || '.' : absolute}\``
  const some = foreign
    .slice(0, 3)
    .map((file) => `\`${file}\``)
    .join(', ')
  const more = foreign.length > 3 ? ` and ${foreign.length - 3} more` : ''
  throw new OutDirError(
    `Refusing to replace ${shown}: it holds files Galley did not write (${some}${more}), which a build would delete; move them away (files to publish belong in \`public/\`), or pass \`--force\` (\`emptyOutDir: true\`) to replace the folder anyway`
  )
}

/**
 * Files in `dir` that its manifest does not list (every file, when there
 * is no manifest); nothing when `dir` does not exist or is empty. With the
 * `folders` stamps of the last build (`folderStamps`), a folder whose stamp
 * is the same is not listed again: its entries are the ones that build
 * left, all Galley's, so only its subfolders are looked into. Each folder
 * looked at goes into `seen` with its stamp (taken before it is listed).
 */
async function foreignFiles(
  dir: string,
  folders?: ReadonlyMap<string, string> | undefined,
  seen?: Map<string, string> | undefined
): Promise<string[]> {
  const stats = await lstat(dir).catch(() => undefined)
  if (!stats) return []
  if (!stats.isDirectory()) return [path.basename(dir)]
  // Subfolders of each folder, as the manifest's paths give them.
  const children = new Map<string, string[]>()
  if (folders) {
    for (const folder of folders.keys()) {
      if (folder === '') continue
      const parent = path.posix.dirname(folder)
      const key = parent === '.' ? '' : parent
      const list = children.get(key) ?? []
      list.push(folder)
      children.set(key, list)
    }
  }
  const files: string[] = []
  // Synchronously: Node 20's `readdir` promise is many times slower.
  const visit = (folder: string) => {
    const absolute = folder ? joinPlain(dir, folder) : dir
    const known = folders?.get(folder)
    const stamp = folderStamp(absolute)
    if (stamp !== undefined) seen?.set(folder, stamp)
    if (known !== undefined && known === stamp) {
      for (const child of children.get(folder) ?? []) visit(child)
      return
    }
    for (const entry of readdirSync(absolute, { withFileTypes: true })) {
      // What this build stages inside a mount point is its own.
      if (!folder && isInnerStaged(entry.name)) continue
      const relative = folder ? `${folder}/${entry.name}` : entry.name
      if (entry.isDirectory()) visit(relative)
      else if (relative !== manifestName) files.push(relative)
    }
  }
  visit('')
  // The manifest only when a folder listed again has files to look up.
  if (files.length === 0) return files
  const listed = await readManifest(dir)
  return files.filter((file) => !listed.has(file)).sort()
}

/** The files a manifest lists; none when it is missing or damaged. */
export async function readManifest(dir: string): Promise<Set<string>> {
  try {
    const value: unknown = JSON.parse(await readFile(path.join(dir, manifestName), 'utf8'))
    const files = (value as { files?: unknown }).files
    return new Set(Array.isArray(files) ? files.filter((file) => typeof file === 'string') : [])
  } catch {
    return new Set()
  }
}

/** The manifest's text for a set of written files. */
export function manifestFor(files: ReadonlyArray<string>): string {
  return `${JSON.stringify({ generator: 'galley', files: [...files].sort() }, null, 2)}\n`
}

/** The real path of `value`, for the part of it that exists. */
async function real(value: string): Promise<string> {
  let current = path.resolve(value)
  const rest: string[] = []
  for (;;) {
    try {
      return path.join(await realpath(current), ...rest.reverse())
    } catch {
      const parent = path.dirname(current)
      if (parent === current) return path.resolve(value)
      rest.push(path.basename(current))
      current = parent
    }
  }
}

function within(child: string, parent: string): boolean {
  return (
    child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep)
  )
}

/**
 * The stamp of a folder: its modification and change times (ms, with
 * their fraction), which
 * adding, removing or renaming an entry in it moves; `undefined` when it is
 * not a folder.
 */
export function folderStamp(folder: string): string | undefined {
  const stats = lstatSync(folder, { throwIfNoEntry: false })
  return stats?.isDirectory() ? `${stats.mtimeMs}:${stats.ctimeMs}` : undefined
}

/**
 * The stamps of the output folder and of every folder that holds one of
 * `files` (paths inside it), taken right after a build wrote it: while a
 * folder's stamp is the same, its entries are the ones the build left.
 *
 * @returns
 *   Folder (`''` for `outDir`) → stamp.
 */
export function folderStamps(outDir: string, files: Iterable<string>): Map<string, string> {
  return restamp(outDir, files, new Map(), undefined)
}

/**
 * `folderStamps` after a build changed only some folders: a folder that
 * holds none of `touched` (paths written or removed) keeps the stamp in
 * `seen` (taken before the build changed anything); the others are read.
 *
 * @returns
 *   Folder (`''` for `outDir`) → stamp.
 */
export function restamp(
  outDir: string,
  files: Iterable<string>,
  seen: ReadonlyMap<string, string>,
  touched: Iterable<string> | undefined
): Map<string, string> {
  const moved = movedFolders(touched ?? [])
  const folders = new Set([''])
  for (const file of files) {
    let folder = path.posix.dirname(file)
    while (folder !== '.' && !folders.has(folder)) {
      folders.add(folder)
      folder = path.posix.dirname(folder)
    }
  }
  const stamps = new Map<string, string>()
  for (const folder of [...folders].sort()) {
    const kept = touched && !moved.has(folder || '.') ? seen.get(folder) : undefined
    const stamp = kept ?? folderStamp(folder ? joinPlain(outDir, folder) : outDir)
    if (stamp) stamps.set(folder, stamp)
  }
  return stamps
}

/**
 * `restamp` when the build wrote over files that were there and removed
 * none, so the folders are the ones `seen` holds (every folder the look
 * for others' files went through): only the folders of `touched` are read
 * again.
 *
 * @returns
 *   Folder (`''` for `outDir`) → stamp.
 */
export function restampMoved(
  outDir: string,
  seen: ReadonlyMap<string, string>,
  touched: Iterable<string>
): Map<string, string> {
  const stamps = new Map(seen)
  for (const folder of movedFolders(touched)) {
    const key = folder === '.' ? '' : folder
    const stamp = folderStamp(key ? joinPlain(outDir, key) : outDir)
    if (stamp) stamps.set(key, stamp)
    else stamps.delete(key)
  }
  return stamps
}

/** The folders holding `touched` (paths inside the output folder), up to it (`.`). */
function movedFolders(touched: Iterable<string>): Set<string> {
  const moved = new Set(['.'])
  for (const file of touched) {
    for (let folder = path.posix.dirname(file); !moved.has(folder); ) {
      moved.add(folder)
      folder = path.posix.dirname(folder)
    }
  }
  return moved
}
