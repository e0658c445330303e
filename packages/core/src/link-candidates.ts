import { normalizePath } from './posix.js'

/**
 * The files a link to `path` may mean, in the order they are tried: a path
 * starting with `/` is from the content folder (as Hugo reads it), then
 * from the working folder; `a.md` may also be `a.markdown`, the page
 * bundle `a/index.md` or the section `a/_index.md` (as Hugo's `ref "a"`
 * finds them).
 *
 * @param path
 *   Normalized path (relative to the working folder, or starting with `/`).
 * @param contentDir
 *   Content folder, relative to the working folder.
 * @returns
 *   Paths, as routes key them.
 */
export function linkCandidates(path: string, contentDir: string): string[] {
  const bases: string[] = []
  if (path.startsWith('/')) {
    const root = normalizePath(contentDir)
    bases.push(root === '' ? path.slice(1) : `${root}${path}`)
    if (root !== '') bases.push(path.slice(1))
  } else bases.push(path)
  const candidates: string[] = []
  for (const base of bases) {
    candidates.push(base)
    const stem = /^(.*)\.md$/i.exec(base)?.[1]
    if (!stem) continue
    candidates.push(`${stem}.markdown`)
    if (!/(^|\/)_?index$/i.test(stem)) candidates.push(`${stem}/index.md`, `${stem}/_index.md`)
  }
  return candidates
}
