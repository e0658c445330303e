// POSIX path helpers, so the core needs no `node:path` (it runs anywhere).

/** A `\\`, or an empty, `.` or `..` segment. */
const oddSegment = /\\|(?:^|\/)\.{0,2}(?:\/|$)/

/** A relative path with `/` separators, without `.` segments or inner `..` (`./a/../b/` → `b`). */
export function normalizePath(path: string): string {
  // Most paths are normal already: no `\\`, and no empty, `.` or `..` segment.
  if (!oddSegment.test(path)) return path
  const parts: string[] = []
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop()
    else parts.push(segment)
  }
  return parts.join('/')
}

/** The folder of a `/`-separated path (`.` for a bare name). */
export function dirnameOf(path: string): string {
  const index = path.lastIndexOf('/')
  return index === -1 ? '.' : index === 0 ? '/' : path.slice(0, index)
}
