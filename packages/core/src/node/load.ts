import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import picomatch from 'picomatch'
import { VFile } from 'vfile'
import { source } from '../source.js'
import { walkFolder } from './walk.js'

/** Configuration for `loadContent`. */
export interface LoadOptions {
  /** Folder paths are reported relative to (default: `process.cwd()`). */
  cwd?: string | null | undefined
  /** Glob patterns of posts inside `dir`; `!` leaves files out (default: `['**\/*.md']`). */
  patterns?: ReadonlyArray<string> | null | undefined
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
  const patterns = [...(options?.patterns ?? ['**/*.md'])]
  const take = picomatch(
    patterns.filter((pattern) => !pattern.startsWith('!')),
    { dot: false }
  )
  const negated = patterns.filter((pattern) => pattern.startsWith('!')).map((p) => p.slice(1))
  const leave = negated.length > 0 ? picomatch(negated, { dot: true }) : () => false
  const walked = await walkFolder(root, (relative) => take(relative) && !leave(relative))
  // Synchronously: for many small files, Node 20 reads several times faster so.
  const files = walked.files.map(({ absolute }) => readContentFile(absolute, cwd))
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
  const value = readFileSync(absolute, 'utf8')
  const file = new VFile({ cwd, path: path.relative(cwd, absolute), value })
  file.data.galleyDigest = { value, digest: createHash('sha256').update(value).digest('hex') }
  return file
}
