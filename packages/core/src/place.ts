import { locateValue, parseFrontmatter } from '@galley/frontmatter'
import type { VFile } from 'vfile'

/**
 * Where a front-matter value is, for a message made after rendering. A
 * render from the cache was never parsed in this build: it is parsed here
 * (its front matter is valid, so that adds no message).
 *
 * @returns
 *   Position, or `undefined` when the value is not there.
 */
export function placeOf(
  file: VFile,
  path: ReadonlyArray<number | string>
): ReturnType<typeof locateValue> {
  const place = locateValue(file, path)
  if (place) return place
  parseFrontmatter(file)
  return locateValue(file, path)
}
