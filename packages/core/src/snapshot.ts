import type { VFile } from 'vfile'
import { hash } from './cache.js'
import { loadedDigest } from './digest.js'
import { dataToken, noteDataToken, noteRender, renderIdentity } from './trace.js'
import type { Page, PostData, SnapshotEntry, SnapshotText } from './types.js'

/** The `file.data` keys a snapshot keeps as they are. */
const dataKeys = ['matter', 'galleyFrontmatter'] as const

/** The page fields a snapshot keeps packed, as JSON (see `SnapshotEntry.packed`). */
const packedKeys = ['headings', 'toc', 'excerpt', 'stats'] as const

/** Where a lazy value comes from: the getters it was defined with. */
interface Lazy {
  /** The getter of `page.html`, and where the host keeps the text. */
  html?: { get: () => unknown; where: SnapshotText } | undefined
  /** The getters of the packed fields, and their JSON. */
  packed?: { gets: Map<string, () => unknown>; text: string | SnapshotText } | undefined
}

/** The values of resumed pages not read yet (by page, and by file for its link index). */
const unread = new WeakMap<object, Lazy>()

/** The ids of each resumed file whose link index is not read yet. */
const knownIds = new WeakMap<VFile, string[]>()

/**
 * A hash of a file's text: the loader's SHA-256 while the text is the one
 * it read (`galleyDigest`), else one made here.
 */
export function digestOf(file: VFile): string {
  const known = loadedDigest(file)
  return known === undefined ? `fnv:${hash(String(file.value ?? ''))}` : `sha256:${known}`
}

/**
 * The ids of a resumed file's headings and anchors while its link index is
 * not read, for the link checker (`CheckerOptions.idsOf`).
 */
export function resumedIds(file: VFile): string[] | undefined {
  return knownIds.get(file)
}

/**
 * A page as a snapshot keeps it. Values a resumed build never read stay
 * as they were kept (an `html` where the host keeps it, the packed JSON).
 */
export function toSnapshotEntry(page: Page<PostData>, published: boolean): SnapshotEntry {
  const file = page.file
  const data: Record<string, unknown> = {}
  for (const key of dataKeys) {
    // own-key: fixed names.
    if (Object.hasOwn(file.data, key)) data[key] = file.data[key]
  }
  const lazy = unread.get(page)
  const record = page as unknown as Record<string, unknown>
  const still = (target: object, key: string, get: (() => unknown) | undefined) =>
    get !== undefined && Object.getOwnPropertyDescriptor(target, key)?.get === get
  const html =
    lazy?.html && still(page, 'html', lazy.html.get) ? lazy.html.where : (page.html as string)
  const packedStill =
    lazy?.packed &&
    still(file.data, 'galleyLinks', lazy.packed.gets.get('galleyLinks')) &&
    packedKeys.every((key) => still(page, key, lazy.packed?.gets.get(key)))
  const packed =
    packedStill && lazy?.packed
      ? lazy.packed.text
      : JSON.stringify({
          galleyLinks: file.data.galleyLinks,
          ...Object.fromEntries(packedKeys.map((key) => [key, record[key]]))
        })
  const fields: Record<string, unknown> = {}
  const apart = new Set<string>(['file', 'data', 'html', ...packedKeys])
  for (const key of Object.keys(page)) {
    // own-key: an own key of a page Galley made; the ones kept apart
    // keep their place by `undefined`.
    fields[key] = apart.has(key) ? undefined : record[key]
  }
  const ids = knownIds.get(file) ?? [
    ...new Set((file.data.galleyLinks?.ids ?? []).map((item) => item.id))
  ]
  return {
    data,
    packed,
    ids,
    identity: renderIdentity(file),
    dataToken: dataToken(page as Page<unknown>),
    published,
    page: fields,
    html
  }
}

/**
 * A page of a snapshot, on `file`: its data put back on the file; its
 * `html` (when the host keeps it elsewhere) and its packed fields read the
 * first time they are.
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
  const lazy: Lazy = {}
  const page: Record<string, unknown> = {}
  let parsed: Record<string, unknown> | undefined
  const read = (where: string | SnapshotText) => {
    if (typeof where === 'string') return where
    if (!text) throw new Error('Expected `text` in `resume` options: the snapshot keeps no texts')
    return text(where)
  }
  const unpack = () => {
    if (!parsed) parsed = JSON.parse(read(entry.packed)) as Record<string, unknown>
    return parsed
  }
  const gets = new Map<string, () => unknown>()
  gets.set(
    'galleyLinks',
    defineLazy(file.data, 'galleyLinks', () => {
      knownIds.delete(file)
      return unpack().galleyLinks
    })
  )
  knownIds.set(file, entry.ids)
  for (const key of Object.keys(entry.page)) {
    if (key === 'html') {
      const where = entry.html
      if (typeof where === 'string') page.html = where
      else {
        const get = defineLazy(page, 'html', () => read(where))
        lazy.html = { get, where }
      }
    } else if (key === 'file') page.file = file
    else if (key === 'data') page.data = file.data.galleyFrontmatter
    else if ((packedKeys as ReadonlyArray<string>).includes(key)) {
      gets.set(
        key,
        defineLazy(page, key, () => unpack()[key])
      )
    } else {
      // own-key: an own key of a page Galley made, from a snapshot it wrote.
      page[key] = entry.page[key]
    }
  }
  lazy.packed = { gets, text: entry.packed }
  unread.set(page, lazy)
  const made = page as unknown as Page<PostData>
  noteDataToken(made as Page<unknown>, entry.dataToken)
  return made
}

/**
 * Define `target[key]` as made by `make` on first use, then kept (and
 * writable, as a plain field is).
 *
 * @returns
 *   The getter (a snapshot tells by it whether the value was read).
 */
function defineLazy(target: object, key: string, make: () => unknown): () => unknown {
  const settle = (value: unknown) =>
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true
    })
  const get = () => {
    const value = make()
    settle(value)
    return value
  }
  Object.defineProperty(target, key, { get, set: settle, enumerable: true, configurable: true })
  return get
}
