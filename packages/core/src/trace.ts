import type { Root } from 'hast'
import type { VFile } from 'vfile'
import { hash, hashParts } from './cache.js'
import { serialize } from './html.js'
import type { Made, OutputFile, OutputTrace } from './output.js'
import type { Page, Pagination, PostData, Site, Tag } from './types.js'

/** Reads of the layout running now (layouts run one at a time, synchronously). */
let recording: Set<string> | undefined

const renders = new WeakMap<VFile, string>()

/**
 * Note what a file's render was made from (its cache key and the routes it
 * looked up), so a page's body counts as unchanged without hashing it.
 */
export function noteRender(file: VFile, identity: string): void {
  renders.set(file, identity)
}

/** The identity `noteRender` gave a file's render, if any. */
export function renderIdentity(file: VFile): string | undefined {
  return renders.get(file)
}

/**
 * Fields of a page that come from its render, known by the render's identity.
 * Not `data`: a body edit makes a new render, and lists that read only
 * titles must stay as they were without being laid out.
 */
const rendered = new Set(['html', 'headings', 'toc', 'excerpt', 'stats'])

/** Lists of the site, by the key their reads get. */
const lists = { pages: '\u0001pages', terms: '\u0001terms', collections: '\u0001collections' }

/**
 * What differs in a resumed build (`Galley.resume`) from the build it
 * resumed from: the fields of each entry that changed (by the entry's
 * path), such as `html` after a body edit, `data` after a title edit, and
 * `previous`, `next` or `related` of the entries that link to a retitled
 * one. The rest is as it was: a resumed build keeps the site's shape (the
 * same URLs, order and terms), so its lists are as they were too.
 */
export type Dirty = ReadonlyMap<string, ReadonlySet<string>>

/**
 * The fields of an entry whose tokens differ between two of its renders
 * (the union of both's own keys).
 */
export function changedFields(before: Page<PostData>, after: Page<PostData>): Set<string> {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const changed = new Set<string>()
  for (const key of keys) {
    const was = fieldToken(before as Page<unknown>, key)
    if (fieldToken(after as Page<unknown>, key) !== was) changed.add(key)
  }
  return changed
}

/** The views layouts get, and the fingerprints of what they read. */
export interface Tracer {
  /** The site as layouts see it: reading its lists is recorded. */
  site: Site<never>
  /** A page as layouts see it: reading its fields is recorded. */
  page<P>(page: Page<P>): Page<P>
  /** A term as layouts see it (its pages are views). */
  term<P>(term: Tag<P>): Tag<P>
  /** A page of a list as layouts see it (its items are views). */
  pagination<P>(pagination: Pagination<Page<P>>): Pagination<Page<P>>
  /**
   * An output file laid out by `make` when its value is read, with a trace.
   * `base` names what `make` gets besides views (the term and page number);
   * a function is called once, when a fingerprint is first needed.
   */
  output(path: string, base: string | (() => string), make: () => Root): OutputFile
}

/**
 * Make the views and fingerprints of one build's site.
 *
 * @param site
 *   The site as `arrange` made it.
 * @param dirty
 *   What differs from the build it resumed from (for `OutputTrace.same`),
 *   on a resumed build.
 * @returns
 *   Tracer.
 */
export function createTracer<D>(site: Site<D>, dirty?: Readonly<Dirty> | undefined): Tracer {
  const views = new Map<Page<unknown>, Page<unknown>>()
  const byPath = new Map<string, Page<unknown>>()
  const tokens = new Map<string, string | undefined>()
  const idOf = (page: Page<unknown>) => String(page.file.path)
  const everything = [...site.pages, ...Object.values(site.collections).flat()]
  for (const page of everything) byPath.set(idOf(page as Page<unknown>), page as Page<unknown>)

  const page = <P>(entry: Page<P>): Page<P> => {
    let view = views.get(entry as Page<unknown>)
    if (!view) {
      const id = idOf(entry as Page<unknown>)
      // Each read's key made once for the page, whichever layout reads it.
      let names: Map<string, string> | undefined
      const note = (key: string | symbol) => {
        if (!recording || typeof key !== 'string') return
        names ??= new Map()
        let name = names.get(key)
        if (name === undefined) {
          name = `${id}\u0000${key}`
          names.set(key, name)
        }
        recording.add(name)
      }
      view = new Proxy(entry as Page<unknown>, {
        get(target, key) {
          note(key)
          // On the page itself: a resumed page's lazy fields settle there.
          return Reflect.get(target, key)
        },
        has(target, key) {
          note(key)
          return Reflect.has(target, key)
        },
        getOwnPropertyDescriptor(target, key) {
          note(key)
          return Reflect.getOwnPropertyDescriptor(target, key)
        },
        ownKeys(target) {
          const keys = Reflect.ownKeys(target)
          for (const key of keys) note(key)
          return keys
        }
      })
      views.set(entry as Page<unknown>, view)
    }
    return view as Page<P>
  }
  const many = <P>(pages: ReadonlyArray<Page<P>>) => Object.freeze(pages.map(page))
  const term = <P>(entry: Tag<P>): Tag<P> => ({ ...entry, pages: many(entry.pages) })

  // The site's lists as views, made when a layout first reads them.
  const once = <T>(make: () => T): (() => T) => {
    let made: { value: T } | undefined
    return () => {
      if (!made) made = { value: make() }
      return made.value
    }
  }
  const pages = once(() => many(site.pages))
  const taxonomies = once(() =>
    Object.fromEntries(
      Object.entries(site.taxonomies).map(([name, terms]) => [name, Object.freeze(terms.map(term))])
    )
  )
  const collections = once(() =>
    Object.fromEntries(Object.entries(site.collections).map(([name, list]) => [name, many(list)]))
  )
  const read = (key: string) => recording?.add(key)
  const view = {
    url: site.url,
    title: site.title,
    description: site.description,
    language: site.language,
    feedUrl: site.feedUrl,
    feeds: site.feeds && Object.freeze({ ...site.feeds }),
    termIndexes: Object.freeze({ ...site.termIndexes }),
    archiveUrl: site.archiveUrl,
    timeZone: site.timeZone,
    get pages() {
      read(lists.pages)
      return pages()
    },
    get tags() {
      read(lists.terms)
      return taxonomies().tags ?? Object.freeze([])
    },
    get taxonomies() {
      read(lists.terms)
      return taxonomies()
    },
    get collections() {
      read(lists.collections)
      return collections()
    }
  } as unknown as Site<never>
  const scalars = fingerprintOf([
    site.url.href,
    site.title,
    site.description,
    site.language,
    site.feedUrl,
    site.feeds,
    site.termIndexes,
    site.archiveUrl ?? null,
    site.timeZone ?? null
  ])

  const tokenOf = (key: string): string | undefined => {
    let token = tokens.get(key)
    if (token !== undefined || tokens.has(key)) return token
    if (key === lists.pages) token = fingerprintOf(site.pages.map(idOf))
    else if (key === lists.terms) {
      token = fingerprintOf(
        Object.entries(site.taxonomies).map(([name, terms]) => [name, terms.map(termShape)])
      )
    } else if (key === lists.collections) {
      token = fingerprintOf(
        Object.entries(site.collections).map(([name, list]) => [name, list.map(idOf)])
      )
    } else {
      const split = key.lastIndexOf('\u0000')
      const entry = byPath.get(key.slice(0, split))
      const field = key.slice(split + 1)
      token = entry ? fieldToken(entry, field) : undefined
    }
    tokens.set(key, token)
    return token
  }

  // On a resumed build, the reads that changed (`path\u0000field`), as the
  // keys a trace holds: a read is looked up as it is, not split.
  const dirtyKeys = new Set<string>()
  for (const [path, fields] of dirty ?? []) {
    for (const field of fields) dirtyKeys.add(`${path}\u0000${field}`)
  }
  // Whether every read is as it was: an entry's field that did not change,
  // or a site list only when it is a stamp (`\u0001…`).
  const same =
    dirty &&
    ((reads: ReadonlyArray<string>) =>
      reads.every((key) =>
        dirtyKeys.has(key) ? false : key.includes('\u0000') || key.startsWith('\u0001')
      ))
  // Whether some read certainly changed.
  const changed =
    dirty && ((reads: ReadonlyArray<string>) => reads.some((key) => dirtyKeys.has(key)))

  const fingerprint = (base: string, reads: ReadonlyArray<string>) => {
    const parts = [scalars, '\u0001', base]
    for (const key of reads) parts.push('\u0001', key, '\u0002', tokenOf(key) ?? '\u0003gone')
    return hashParts(parts)
  }

  return {
    site: view,
    page,
    term,
    pagination: (list) => ({ ...list, items: many(list.items) }),
    output(path, given, make) {
      const base = typeof given === 'string' ? () => given : once(given)
      // Own data fields set in one order, so the 10,000 traces of a site share one shape.
      const trace: LayoutTrace = {
        fingerprint: (reads) => fingerprint(base(), reads),
        same: same || undefined,
        changed: changed || undefined,
        made: undefined
      }
      const output = { path, trace } as OutputFile
      pending.set(output, () => {
        const outer = recording
        const seen = new Set<string>()
        recording = seen
        let value: string
        try {
          value = serialize(make())
        } finally {
          recording = outer
        }
        // In the order read: a layout reads the same inputs in the same order
        // each time, and `fingerprint` takes them in the order given.
        const reads = [...seen]
        trace.made = { reads, fingerprint: fingerprint(base(), reads) }
        return value
      })
      return Object.defineProperty(output, 'value', laidOut)
    }
  }
}

/** What an output's trace holds: an `OutputTrace` whose `made` its layout sets. */
interface LayoutTrace extends OutputTrace {
  made: Made | undefined
}

/** How each traced output is laid out when its `value` is read. */
const pending = new WeakMap<object, () => string>()

/**
 * The `value` of every traced output: one getter for all of them (so
 * outputs share one shape), laying the output out each time it is read.
 */
const laidOut: PropertyDescriptor = {
  enumerable: true,
  get(this: object) {
    return pending.get(this)?.()
  }
}

/**
 * What a term is for a layout that did not read its pages' fields: its
 * name, page and which posts it lists, in order.
 */
export function termShape<D>(term: Tag<D>): unknown[] {
  // The paths as one text (no path holds a NUL): hashed without a replacer call each.
  const paths = term.pages.map((page) => String(page.file.path)).join('\u0000')
  return [term.taxonomy, term.name, term.url, paths]
}

/** A token for one field of an entry: equal in two builds when the field is. */
function fieldToken(page: Page<unknown>, field: string): string {
  const identity = renders.get(page.file)
  if (identity !== undefined && rendered.has(field)) return identity
  if (field === 'file') {
    return fingerprintOf([page.file.path, identity ?? String(page.file.value ?? '')])
  }
  if (field === 'data') return dataToken(page)
  const value = (page as unknown as Record<string, unknown>)[field]
  // A short text (a URL, a slug) is its own token: its JSON has no
  // separator of `fingerprint`'s, and hashing it again buys nothing.
  if (typeof value === 'string' && value.length <= 256) return JSON.stringify(value)
  return fingerprintOf(value)
}

/** The token of each entry's `data`, while it is the same object. */
const dataTokens = new WeakMap<object, { data: unknown; token: string }>()

/**
 * The token of an entry's `data` (its front matter): a fingerprint, made
 * once for each data object (a snapshot keeps it, see `noteDataToken`).
 */
export function dataToken(page: Page<unknown>): string {
  const known = dataTokens.get(page)
  if (known && known.data === page.data) return known.token
  const token = fingerprintOf(page.data)
  dataTokens.set(page, { data: page.data, token })
  return token
}

/** Note the token of a page's `data`, known from a snapshot. */
export function noteDataToken(page: Page<unknown>, token: string): void {
  dataTokens.set(page, { data: page.data, token })
}

/** A hash of a JSON-like value (dates as ISO text, files by path). */
export function fingerprintOf(value: unknown): string {
  // Text alone (a URL, a slug): what the replacer would leave, made faster.
  if (typeof value === 'string') return hash(JSON.stringify(value))
  return hash(
    JSON.stringify(value, (_key, item: unknown) => {
      if (item === undefined) return '\u0003undefined'
      if (typeof item === 'function') return `fn:${String(item)}`
      if (item instanceof URL) return item.href
      if (item && typeof item === 'object' && 'messages' in item && 'history' in item) {
        return `file:${String((item as VFile).path)}`
      }
      return item
    }) ?? '\u0003undefined'
  )
}
