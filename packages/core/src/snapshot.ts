import type { VFile } from 'vfile'
import { decodeData, encodeData, hash } from './cache.js'
import { fallbacksKey, loadedDigest } from './digest.js'
import { settleField } from './lazy.js'
import { dataToken, noteDataToken, noteRender, renderIdentity } from './trace.js'
import type { Page, PostData, SnapshotEntry, SnapshotText } from './types.js'

/** The `file.data` key a snapshot keeps as it is (the rest is packed or read lazily). */
const dataKey = 'galleyFrontmatter'

/** The page fields a snapshot keeps as one text, read when one of them is. */
const neighbourKeys = ['previous', 'next', 'related'] as const

/** The page fields a snapshot keeps packed, as JSON (see `SnapshotEntry.packed`). */
const packedKeys = ['headings', 'toc', 'excerpt', 'stats'] as const

/**
 * A resumed page whose `html` or packed fields are not all read yet: its
 * entry, and how to read the texts the host keeps. The page and its
 * `file.data` share it.
 */
interface Unread {
  entry: SnapshotEntry
  file: VFile
  text: ((where: SnapshotText) => string) | null | undefined
  /** The packed fields, once parsed. */
  parsed?: Record<string, unknown> | undefined
  /** The neighbours, once parsed. */
  neighbours?: Record<string, unknown> | undefined
}

/** The unread state of resumed pages and of their files' data (by page, and by `file.data`). */
const unread = new WeakMap<object, Unread>()

/** The ids of each resumed file whose link index is not read yet (`SnapshotEntry.ids`). */
const knownIds = new WeakMap<VFile, string>()

/**
 * A hash of a file's text: the loader's SHA-256 while the text is the one
 * it read (`galleyDigest`), else one made here.
 */
export function digestOf(file: VFile): string {
  const known = loadedDigest(file)
  // With the dates from git it is validated with: a new commit is a change.
  const dates = fallbacksKey(file)
  return known === undefined
    ? `fnv:${hash(String(file.value ?? ''))}${dates}`
    : `${sha256}${known}${dates}`
}

const sha256 = 'sha256:'

/** Whether `digest` (as `digestOf` gives it) is the digest of `file` (without making it when the loader knows it). */
export function hasDigest(file: VFile, digest: string): boolean {
  const known = loadedDigest(file)
  if (known === undefined) return digest === digestOf(file)
  const dates = fallbacksKey(file)
  return (
    digest.length === sha256.length + known.length + dates.length &&
    digest.startsWith(sha256) &&
    digest.endsWith(`${known}${dates}`)
  )
}

/**
 * The ids of a resumed file's headings and anchors while its link index is
 * not read, for the link checker (`CheckerOptions.idsOf`).
 */
export function resumedIds(file: VFile): Iterable<string> | undefined {
  const text = knownIds.get(file)
  if (text === undefined) return undefined
  // Split only if a link looks into the page.
  return { [Symbol.iterator]: () => (text === '' ? [] : text.split('\u0000')).values() }
}

/**
 * Whether a page's `previous`, `next` or `related` may link to `url`:
 * `false` only for a resumed page whose neighbours are unread and whose
 * kept text does not hold that URL.
 */
export function mayLinkTo(page: Page<PostData>, url: string): boolean {
  const lazy = unread.get(page)
  if (!lazy || !neighbourKeys.every((key) => still(page, key))) return true
  const text = lazy.entry.neighbours
  return text === undefined || text.includes(JSON.stringify(url))
}

/**
 * A page as a snapshot keeps it. Values a resumed build never read stay
 * as they were kept (an `html` where the host keeps it, the packed JSON).
 */
export function toSnapshotEntry(page: Page<PostData>, published: boolean): SnapshotEntry {
  const file = page.file
  const data: Record<string, unknown> = {}
  if (Object.hasOwn(file.data, dataKey)) data.galleyFrontmatter = file.data.galleyFrontmatter
  const lazy = unread.get(page)
  const matter = !Object.hasOwn(file.data, 'matter')
    ? undefined
    : lazy && still(file.data, 'matter')
      ? lazy.entry.matter
      : (encodeData(file.data.matter) ?? '')
  const neighbours =
    lazy && neighbourKeys.every((key) => still(page, key))
      ? lazy.entry.neighbours
      : neighbourKeys.some((key) => Object.hasOwn(page, key))
        ? encodeData(
            Object.fromEntries(
              neighbourKeys.map((key) => [key, (page as unknown as Record<string, unknown>)[key]])
            )
          )
        : undefined
  const record = page as unknown as Record<string, unknown>
  const html = lazy && still(page, 'html') ? lazy.entry.html : (page.html as string)
  const packed =
    lazy && still(file.data, 'galleyLinks') && packedKeys.every((key) => still(page, key))
      ? lazy.entry.packed
      : JSON.stringify({
          galleyLinks: file.data.galleyLinks,
          ...Object.fromEntries(packedKeys.map((key) => [key, record[key]]))
        })
  const fields: Record<string, unknown> = {}
  const apart = new Set<string>([
    'file',
    'data',
    'html',
    ...packedKeys,
    ...(neighbours === undefined ? [] : neighbourKeys)
  ])
  for (const key of Object.keys(page)) {
    // own-key: an own key of a page Galley made; the ones kept apart
    // keep their place by `undefined`.
    fields[key] = apart.has(key) ? undefined : record[key]
  }
  const ids =
    knownIds.get(file) ??
    [...new Set((file.data.galleyLinks?.ids ?? []).map((item) => item.id))].join('\u0000')
  return {
    data,
    matter,
    neighbours,
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
  if (Object.hasOwn(entry.data, dataKey)) file.data.galleyFrontmatter = entry.data.galleyFrontmatter
  if (entry.identity !== undefined) noteRender(file, entry.identity)
  const state: Unread = { entry, file, text }
  const page: Record<string, unknown> = {}
  if (entry.matter !== undefined) Object.defineProperty(file.data, 'matter', lazily('matter'))
  Object.defineProperty(file.data, 'galleyLinks', lazily('galleyLinks'))
  unread.set(file.data, state)
  knownIds.set(file, entry.ids)
  for (const key of Object.keys(entry.page)) {
    if (key === 'html') {
      if (typeof entry.html === 'string') page.html = entry.html
      else Object.defineProperty(page, 'html', lazily('html'))
    } else if (key === 'file') page.file = file
    else if (key === 'data') page.data = file.data.galleyFrontmatter
    else if (
      (packedKeys as ReadonlyArray<string>).includes(key) ||
      (entry.neighbours !== undefined && (neighbourKeys as ReadonlyArray<string>).includes(key))
    ) {
      Object.defineProperty(page, key, lazily(key))
    } else {
      // own-key: an own key of a page Galley made, from a snapshot it wrote.
      page[key] = entry.page[key]
    }
  }
  unread.set(page, state)
  const made = page as unknown as Page<PostData>
  noteDataToken(made as Page<unknown>, entry.dataToken)
  return made
}

/** A text of a resumed entry: as it is, or read from where the host keeps it. */
function textOf(state: Unread, where: string | SnapshotText): string {
  if (typeof where === 'string') return where
  if (!state.text)
    throw new Error('Expected `text` in `resume` options: the snapshot keeps no texts')
  return state.text(where)
}

/** The value of a lazy field of a resumed page (or `galleyLinks` of its file's data). */
function lazyValue(state: Unread, key: string): unknown {
  if (key === 'html') return textOf(state, state.entry.html)
  if (key === 'matter') {
    const text = state.entry.matter ?? ''
    return text === '' ? undefined : decodeData(text)
  }
  if ((neighbourKeys as ReadonlyArray<string>).includes(key)) {
    if (!state.neighbours) {
      state.neighbours = decodeData(state.entry.neighbours ?? '{}') as Record<string, unknown>
    }
    return state.neighbours[key]
  }
  if (!state.parsed) {
    state.parsed = JSON.parse(textOf(state, state.entry.packed)) as Record<string, unknown>
  }
  if (key === 'galleyLinks') knownIds.delete(state.file)
  return state.parsed[key]
}

/**
 * The accessors of one lazy field, the same functions for every page (so
 * pages share their shape, and a snapshot tells an unread field by its
 * getter): made on first use, then kept as a plain writable field.
 */
const accessors = new Map<string, PropertyDescriptor>()

function lazily(key: string): PropertyDescriptor {
  let found = accessors.get(key)
  if (!found) {
    const settle = (target: object, value: unknown) => settleField(target, key, value)
    found = {
      get(this: object) {
        const state = unread.get(this)
        // Copied onto another object (by its descriptor): nothing to read there.
        if (!state) return undefined
        const value = lazyValue(state, key)
        settle(this, value)
        return value
      },
      set(this: object, value: unknown) {
        settle(this, value)
      },
      enumerable: true,
      configurable: true
    }
    accessors.set(key, found)
  }
  return found
}

/** Whether `target[key]` is a lazy field not read (nor set) yet. */
/** Whether a resumed file's link index is still unread (as its snapshot kept it). */
export function linksUnread(file: VFile): boolean {
  return still(file.data, 'galleyLinks')
}

function still(target: object, key: string): boolean {
  const get = accessors.get(key)?.get
  return get !== undefined && Object.getOwnPropertyDescriptor(target, key)?.get === get
}
