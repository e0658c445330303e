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

/**
 * Whether `relative` is plain names joined by this system's separator:
 * none empty, `.` or `..`, no NUL (and on POSIX no `\\`), so that joining
 * it to a folder needs no normalizing.
 */
export function isPlain(relative: string): boolean {
  if (relative === '' || relative.includes('\0')) return false
  if (path.sep === '/' && relative.includes('\\')) return false
  for (const part of relative.split(path.sep)) {
    if (part === '' || part === '.' || part === '..') return false
  }
  return true
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
