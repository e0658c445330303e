import { readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import { VFile } from 'vfile'
import type {} from '../digest.js'
import { settleField } from '../lazy.js'
import { source } from '../source.js'
import { relativeTo } from './paths.js'
import { digest as sha256 } from './records.js'
import { contentStats, settled } from './stats.js'
import { walkFolder } from './walk.js'

/** Configuration for `loadContent`. */
export interface LoadOptions {
  /** Folder paths are reported relative to (default: `process.cwd()`). */
  cwd?: string | null | undefined
  /** Glob patterns of posts inside `dir`; `!` leaves files out (default: `['**\/*.{md,markdown}']`). */
  patterns?: ReadonlyArray<string> | null | undefined
  /**
   * A file (in a cache folder, such as `.cache/galley/content.bin`) where
   * the loader keeps the stats (size, inode, modification and change
   * times) and the SHA-256 of each file it read: the next load reads only
   * files whose stats differ, and the text of the others when their
   * `value` is first read (default: none: every file is read).
   */
  stats?: string | null | undefined
  /**
   * Folders inside `dir` to leave out, relative to `cwd` or absolute: the
   * output folder, when it is inside the content folder (a Jekyll site's
   * `_site`) (default: none).
   */
  skip?: ReadonlyArray<string> | null | undefined
}

/**
 * Read every post under `dir` into a `VFile`, sorted by path. Paths are
 * relative to `cwd`, so messages print as `content/posts/a.md:3:7`.
 *
 * Nothing outside `dir` is read: a symbolic link whose real path leaves
 * `dir` (a post linked in from elsewhere on disk, a folder linked to
 * `/etc`), and a FIFO or other special file, give a file with one fatal
 * `link-outside` (or `not-a-file`) message and no content, which `build`
 * reports and does not render.
 *
 * @param dir
 *   Content folder, relative to `cwd` or absolute.
 * @param options
 *   Configuration (optional).
 * @returns
 *   Files.
 */
export async function loadContent(
  dir: string,
  options?: Readonly<LoadOptions> | null
): Promise<VFile[]> {
  const cwd = path.resolve(options?.cwd ?? process.cwd())
  const root = path.resolve(cwd, dir)
  // As in tinyglobby, a pattern starting with `!` leaves files out.
  const patterns = [...(options?.patterns ?? ['**/*.{md,markdown}'])]
  const take = picomatch(
    patterns.filter((pattern) => !pattern.startsWith('!')),
    { dot: false }
  )
  const negated = patterns.filter((pattern) => pattern.startsWith('!')).map((p) => p.slice(1))
  const leave = negated.length > 0 ? picomatch(negated, { dot: true }) : () => false
  const walked = await walkFolder(
    root,
    (relative) => take(relative) && !leave(relative),
    (options?.skip ?? []).map((folder) => path.resolve(cwd, folder))
  )
  const store = options?.stats ? contentStats(options.stats, root) : undefined
  const started = Date.now()
  // Synchronously: for many small files, Node 20 reads several times faster so.
  const files = walked.files.map(({ absolute, relative }) => {
    if (!store) return readContentFile(absolute, cwd)
    // Stats first, then the text: a file changed in between is read again next time.
    const stats = statSync(absolute, { throwIfNoEntry: false })
    const known = stats && store.digestOf(relative, stats)
    if (stats && known) {
      store.keep(relative, stats, known)
      return lazyContentFile(absolute, cwd, known)
    }
    const file = readContentFile(absolute, cwd)
    const digest = file.data.galleyDigest?.digest
    if (stats && digest && settled(stats, started)) store.keep(relative, stats, digest)
    return file
  })
  store?.save()
  for (const refused of walked.refused) {
    const file = new VFile({ cwd, path: path.relative(cwd, path.join(root, refused.relative)) })
    const link = refused.reason !== 'it is not a regular file'
    const message = file.message(
      `Refusing to read \`${file.path}\`: ${refused.reason}; ${link ? 'copy the file into the content folder instead of linking to it' : 'replace it with a regular file'}`,
      { ruleId: link ? 'link-outside' : 'not-a-file', source }
    )
    message.fatal = true
    files.push(file)
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * Read one Markdown file the loader has found into a `VFile`, with the
 * SHA-256 of its text (`file.data.galleyDigest`, what render keys use).
 *
 * @param absolute
 *   Absolute path of a regular file.
 * @param cwd
 *   Folder the file's path is relative to.
 * @returns
 *   File.
 */
export function readContentFile(absolute: string, cwd: string): VFile {
  let value: string
  try {
    value = readFileSync(absolute, 'utf8')
  } catch (error) {
    return unreadable(new VFile({ cwd, path: relativeTo(cwd, absolute), value: '' }), error)
  }
  const file = new VFile({ cwd, path: relativeTo(cwd, absolute), value })
  file.data.galleyDigest = { value, digest: sha256(value) }
  return file
}

/**
 * A file that could not be read (removed while the build ran, unreadable,
 * a disk error): a fatal `unreadable-file` message on it, so it is reported
 * with the others and the build goes on checking them.
 *
 * @returns
 *   The file, with the message.
 */
function unreadable(file: VFile, error: unknown): VFile {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const why =
    code === 'ENOENT'
      ? 'it was removed while the build ran; build again, or put it back'
      : code === 'EACCES' || code === 'EPERM'
        ? 'permission denied; make it readable (`chmod a+r`)'
        : code === 'EIO'
          ? 'the disk gave an input/output error; check the disk, then build again'
          : `${error instanceof Error ? error.message : String(error)}; check the file`
  const message = file.message(`Cannot read \`${file.path}\`: ${why}`, {
    ruleId: 'unreadable-file',
    source
  })
  message.fatal = true
  return file
}

/**
 * A file known by its stats: its text is read when `value` is first read
 * (and keeps the digest only when it is still the text of `digest`).
 */
function lazyContentFile(absolute: string, cwd: string, digest: string): VFile {
  const file = new VFile({ cwd, path: relativeTo(cwd, absolute) })
  const known: NonNullable<VFile['data']['galleyDigest']> = { digest, pending: true }
  file.data.galleyDigest = known
  unreadFiles.set(file, { absolute, known })
  return Object.defineProperty(file, 'value', lazyValue)
}

/** Where the text of each file not read yet is, and what the loader knew of it. */
const unreadFiles = new WeakMap<
  object,
  { absolute: string; known: NonNullable<VFile['data']['galleyDigest']> }
>()

/** Put `value` on a lazy file as its plain field. */
function settleValue(file: object, value: unknown): void {
  const unread = unreadFiles.get(file)
  if (unread) unread.known.pending = false
  unreadFiles.delete(file)
  settleField(file, 'value', value)
}

/** The `value` of every lazy file (one pair of functions, so files keep one shape). */
const lazyValue: PropertyDescriptor = {
  configurable: true,
  enumerable: true,
  get(this: object) {
    const unread = unreadFiles.get(this)
    if (!unread) return undefined
    let text: string
    try {
      text = readFileSync(unread.absolute, 'utf8')
    } catch (error) {
      // No digest: no render of the text it had can stand in for it.
      delete (this as VFile).data.galleyDigest
      settleValue(this, '')
      unreadable(this as VFile, error)
      return ''
    }
    // Changed since it was loaded: the text read is the file's, with no digest.
    if (sha256(text) === unread.known.digest) unread.known.value = text
    settleValue(this, text)
    return text
  },
  set(this: object, value: unknown) {
    settleValue(this, value)
  }
}
