/** A file the build writes. */
export interface OutputFile {
  /** Path inside the output folder, with `/` separators, such as `posts/a/index.html`. */
  path: string
  /** Content: text, or bytes for assets such as images. */
  value: string | Uint8Array
  /**
   * For a page a layout makes: how a writer can tell it would come out as
   * in an earlier build without laying it out (see `writeSite`'s `records`).
   */
  trace?: OutputTrace | undefined
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
  // A folder URL of plain names (`/posts/a/`): its page is `posts/a/index.html`.
  if (plainFolder.test(url)) return `${url.slice(1)}index.html`
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

/** `/`, or names of letters, digits, `-`, `_`, `~` and inner dots, each followed by `/`. */
const plainFolder = /^\/(?:[\w\-~]+(?:\.[\w\-~]+)*\/)*$/

/** Decode a URL segment; a malformed escape (`%zz`) stays as written. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/** What laying out a page read, and the fingerprint of those inputs as they were. */
export interface Made {
  /** Inputs read: a field of an entry (`content/a.md\u0000html`) or a list of the site. */
  reads: string[]
  /** Fingerprint of the layout's arguments and of every input read. */
  fingerprint: string
}

/**
 * How a page a layout makes can tell, without being laid out, that it
 * would come out as in an earlier build: layouts are functions of what
 * they read, so when every input an earlier layout read is the same now,
 * so is the page.
 */
export interface OutputTrace {
  /**
   * The fingerprint of the inputs `reads` names, as they are in this build
   * (equal to an earlier `made.fingerprint` when none of them changed).
   */
  fingerprint(reads: ReadonlyArray<string>): string
  /**
   * On a build resumed from another (`Galley.resume`): whether the inputs
   * `reads` names — what laying the page out read in that build — are all
   * as they were then, known from what changed without computing them.
   * Only a writer that knows its records were made by that very build
   * may take it for `fingerprint(reads) === made.fingerprint`.
   */
  same?: ((reads: ReadonlyArray<string>) => boolean) | undefined
  /**
   * On a build resumed from another: whether one of the inputs `reads`
   * names certainly differs from that build (a field of an entry that
   * changed), so `fingerprint(reads)` would differ from `made.fingerprint`
   * there; the same trust as `same`.
   */
  changed?: ((reads: ReadonlyArray<string>) => boolean) | undefined
  /** What laying out read; set once the file's `value` has been read. */
  readonly made: Made | undefined
}

/**
 * An output whose value is made when it is first read, then kept: a host
 * that serves pages on request (`galley dev`) never makes the feeds and the
 * sitemap of a rebuild nobody asks for.
 *
 * @param path
 *   Path inside the output folder.
 * @param make
 *   Makes the value.
 * @param inputs
 *   A fingerprint of everything `make` reads (optional): then the output
 *   has a trace, and a writer keeps it without making it while the
 *   fingerprint is the one it was.
 * @returns
 *   Output file.
 */
export function lazyOutput(
  path: string,
  make: () => string,
  inputs?: (() => string) | undefined
): OutputFile {
  let value: string | undefined
  const output = { path } as OutputFile
  if (inputs) {
    let known: string | undefined
    const fingerprint = () => {
      if (known === undefined) known = inputs()
      return known
    }
    output.trace = {
      fingerprint,
      get made() {
        return value === undefined ? undefined : { reads: [], fingerprint: fingerprint() }
      }
    }
  }
  return Object.defineProperty(output, 'value', {
    enumerable: true,
    get() {
      if (value === undefined) value = make()
      return value
    }
  })
}
