import type { VFile } from 'vfile'
import { hash } from './cache.js'
import { noteRender, renderIdentity } from './trace.js'
import type { Page, PostData, SnapshotEntry, SnapshotText } from './types.js'

/** The `file.data` keys a render leaves, as the render cache keeps them. */
const dataKeys = ['matter', 'galleyFrontmatter', 'galleyLinks'] as const

/** The `html` of resumed pages not read yet, where the host keeps it. */
const unread = new WeakMap<object, { get: () => string; where: SnapshotText }>()

/**
 * A hash of a file's text: the loader's SHA-256 while the text is the one
 * it read (`galleyDigest`), else one made here.
 */
export function digestOf(file: VFile): string {
  const text = String(file.value ?? '')
  const known = file.data.galleyDigest
  return known && known.value === text ? `sha256:${known.digest}` : `fnv:${hash(text)}`
}

/**
 * A page as a snapshot keeps it. An `html` a resumed build never read
 * stays where the host keeps it.
 */
export function toSnapshotEntry(page: Page<PostData>, published: boolean): SnapshotEntry {
  const data: Record<string, unknown> = {}
  for (const key of dataKeys) {
    // own-key: fixed names.
    if (Object.hasOwn(page.file.data, key)) data[key] = page.file.data[key]
  }
  const fields: Record<string, unknown> = {}
  let html: SnapshotEntry['html'] = ''
  for (const key of Object.keys(page)) {
    if (key === 'html') {
      const lazy = unread.get(page)
      const descriptor = Object.getOwnPropertyDescriptor(page, 'html')
      html = lazy && descriptor?.get === lazy.get ? lazy.where : page.html
    }
    // own-key: an own key of a page Galley made; `file` and `data` are
    // kept elsewhere, and their places by `undefined`.
    fields[key] =
      key === 'file' || key === 'data' || key === 'html'
        ? undefined
        : (page as unknown as Record<string, unknown>)[key]
  }
  return { data, identity: renderIdentity(page.file), published, page: fields, html }
}

/**
 * A page of a snapshot, on `file`: its data put back on the file, and its
 * `html`, when the host keeps it elsewhere, read the first time it is.
 */
export function fromSnapshotEntry(
  file: VFile,
  entry: SnapshotEntry,
  text: ((where: SnapshotText) => string) | null | undefined
): Page<PostData> {
  for (const key of dataKeys) {
    // own-key: fixed names, from a snapshot Galley wrote.
    if (Object.hasOwn(entry.data, key)) file.data[key] = entry.data[key] as never
  }
  if (entry.identity !== undefined) noteRender(file, entry.identity)
  const page: Record<string, unknown> = {}
  for (const key of Object.keys(entry.page)) {
    if (key === 'html') {
      const where = entry.html
      if (typeof where === 'string') page.html = where
      else lazyHtml(page, where, text)
    } else if (key === 'file') page.file = file
    else if (key === 'data') page.data = file.data.galleyFrontmatter
    // own-key: an own key of a page Galley made, from a snapshot it wrote.
    else page[key] = entry.page[key]
  }
  return page as unknown as Page<PostData>
}

/** Define `page.html` as read through `text` on first use (and writable). */
function lazyHtml(
  page: Record<string, unknown>,
  where: SnapshotText,
  text: ((where: SnapshotText) => string) | null | undefined
): void {
  const settle = (value: unknown) =>
    Object.defineProperty(page, 'html', {
      value,
      writable: true,
      enumerable: true,
      configurable: true
    })
  const get = () => {
    if (!text) throw new Error('Expected `text` in `resume` options: the snapshot keeps no `html`')
    const value = text(where)
    settle(value)
    return value
  }
  Object.defineProperty(page, 'html', {
    get,
    set: settle,
    enumerable: true,
    configurable: true
  })
  unread.set(page, { get, where })
}
