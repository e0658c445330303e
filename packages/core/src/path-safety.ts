/**
 * Why a URL path cannot be a file on every disk, if it cannot: a segment
 * with a NUL or a backslash (a folder separator on Windows), or one longer
 * than the 255 bytes most file systems take for a name. Output paths are
 * checked again when written; this names the problem at the content.
 *
 * @param pathname
 *   URL path (percent-encoded or not).
 * @returns
 *   Reason, or `undefined` when the path is fine.
 */
export function unsafePathReason(pathname: string): string | undefined {
  for (const raw of pathname.split('/')) {
    let segment = raw
    try {
      segment = decodeURIComponent(raw)
    } catch {}
    if (segment.includes('\u0000')) return 'it holds a NUL character'
    if (segment.includes('\\')) return 'it holds a backslash, a folder separator on Windows'
    if (Buffer.byteLength(segment) > 255) {
      return `a part of it is ${Buffer.byteLength(segment)} bytes long, and file names stop at 255`
    }
  }
  return undefined
}

/** A path for a message: control characters escaped (`\\u0000`), cut when long. */
export function shortPath(value: string): string {
  const shown = value.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: they are what is escaped.
    /[\u0000-\u001f\u007f]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return shown.length > 60 ? `${shown.slice(0, 59)}…` : shown
}
