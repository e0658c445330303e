/** A file the build writes. */
export interface OutputFile {
  /** Path inside the output folder, with `/` separators, such as `posts/a/index.html`. */
  path: string
  /** Content: text, or bytes for assets such as images. */
  value: string | Uint8Array
}

/**
 * The output path of a URL path: `/a/` → `a/index.html`, `/404.html` → `404.html`.
 *
 * @param url
 *   URL path.
 * @returns
 *   Relative file path.
 */
export function toOutputPath(url: string): string {
  const segments: string[] = []
  for (const raw of url.split('/')) {
    // A `%2F` in a segment is a folder on disk; `.` and `..` are resolved
    // here, so two URLs naming one file get one path (and a path that leaves
    // the site still starts with `..`, which `writeSite` refuses).
    for (const segment of decode(raw).split('/')) {
      if (segment === '' || segment === '.') continue
      if (segment === '..' && segments.length > 0 && segments.at(-1) !== '..') segments.pop()
      else segments.push(segment)
    }
  }
  const last = segments.at(-1)
  if (url.endsWith('/') || !last || !last.includes('.') || last === '..')
    segments.push('index.html')
  return segments.join('/')
}

/** Decode a URL segment; a malformed escape (`%zz`) stays as written. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * An output file whose text is made when it is read, and not kept: a page is
 * laid out and serialized as `writeSite` writes it, so the HTML of every
 * page is never in memory at once.
 *
 * @param path
 *   Path inside the output folder.
 * @param produce
 *   Makes the text.
 * @returns
 *   Output file.
 */
export function lazyOutput(path: string, produce: () => string): OutputFile {
  return Object.defineProperty({ path } as OutputFile, 'value', {
    enumerable: true,
    get: produce
  })
}
