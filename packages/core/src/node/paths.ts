import path from 'node:path'

/**
 * `path.join(folder, relative)` without normalizing again, for a folder
 * that is already resolved and a relative path made of plain names (no
 * `.`, `..` or empty parts, as a checked output path is): a build joins
 * tens of thousands of these.
 */
export function joinPlain(folder: string, relative: string): string {
  return folder.endsWith(path.sep) ? folder + relative : folder + path.sep + relative
}

/** A NUL, or a part that is empty, `.` or `..` (and on POSIX a `\\`): one test, not a split. */
const notPlain = path.sep === '/' ? /\0|\\|(?:^|\/)\.{0,2}(?:\/|$)/ : /\0|(?:^|\\)\.{0,2}(?:\\|$)/

/**
 * Whether `relative` is plain names joined by this system's separator:
 * none empty, `.` or `..`, no NUL (and on POSIX no `\\`), so that joining
 * it to a folder needs no normalizing.
 */
export function isPlain(relative: string): boolean {
  return !notPlain.test(relative)
}

/**
 * `path.relative(folder, absolute)` for a resolved path inside `folder`:
 * the rest of it when that is plain, without normalizing again.
 */
export function relativeTo(folder: string, absolute: string): string {
  const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep
  if (absolute.startsWith(prefix)) {
    const rest = absolute.slice(prefix.length)
    if (isPlain(rest)) return rest
  }
  return path.relative(folder, absolute)
}
