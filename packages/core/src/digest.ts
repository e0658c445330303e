import type { VFile } from 'vfile'

declare module 'vfile' {
  interface DataMap {
    /**
     * A digest of the file's text, as a loader read it (`loadContent` sets
     * it): used for cache keys while `value` is still that text, so a key
     * needs no hash of the whole text. `value` is the text the digest is
     * of; a loader that has not read the text yet (it knew the file by its
     * stats) leaves it out and sets `pending`, and the text is read when
     * `value` is first read.
     */
    galleyDigest: { value?: string | undefined; digest: string; pending?: boolean | undefined }
  }
}

/**
 * The SHA-256 (hex) a loader gave a file's text (`file.data.galleyDigest`),
 * while `file.value` is still that text; `undefined` once it was replaced,
 * or when no loader gave one. A text the loader has not read yet is not
 * read here.
 *
 * @param file
 *   File.
 * @returns
 *   Digest, or `undefined`.
 */
export function loadedDigest(file: VFile): string | undefined {
  const known = file.data.galleyDigest
  if (!known) return undefined
  // Until its text is read or replaced (the loader's accessor clears it).
  if (known.pending) return known.digest
  return known.value !== undefined && known.value === String(file.value ?? '')
    ? known.digest
    : undefined
}

/** The dates from git a file is validated with (`galleyFallbacks`), as text for keys. */
export function fallbacksKey(file: VFile): string {
  const fallbacks = file.data.galleyFallbacks
  if (!fallbacks) return ''
  return `\u0002${fallbacks.date?.getTime() ?? ''}\u0002${fallbacks.updated?.getTime() ?? ''}`
}
