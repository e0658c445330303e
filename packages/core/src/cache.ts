import type { LinkIndex } from '@galley/links'
import type { VFile } from 'vfile'
import { restoreMessages, storeMessages } from './messages.js'
import type { CachedRender } from './types.js'

/**
 * A fingerprint of everything a render depends on besides the file: options,
 * the source of every plugin and schema function, and the route map.
 * Functions count by their source text, so editing a plugin re-renders all.
 *
 * @param parts
 *   Inputs.
 * @returns
 *   Text to hash with each file.
 */
export function fingerprint(parts: unknown): string {
  const seen = new WeakSet<object>()
  return JSON.stringify(parts, (_key, value: unknown) => {
    if (typeof value === 'function') return `fn:${String(value)}`
    if (value instanceof RegExp || value instanceof URL) return String(value)
    if (value && typeof value === 'object') {
      if (seen.has(value)) return '[seen]'
      seen.add(value)
    }
    return value
  })
}

/**
 * A 128-bit hash of text, in hex (four 32-bit FNV-1a lanes with different
 * seeds): a cache key, not a security measure.
 */
export function hash(text: string): string {
  return hashParts([text])
}

/**
 * `hash(parts.join(''))`, without joining: the fingerprint of a page that
 * read 20,000 inputs is 80,000 short texts, not one long one made of them.
 */
export function hashParts(parts: ReadonlyArray<string>): string {
  // Lane `n` takes `code + n`; four locals, not an array, stay in registers
  // (about 4× faster, the same digests).
  let a = 0x811c9dc5
  let b = 0x01000193
  let c = 0x9e3779b9
  let d = 0x85ebca6b
  for (const text of parts) {
    for (let index = 0; index < text.length; index++) {
      const code = text.charCodeAt(index)
      a = Math.imul(a ^ code, 0x01000193)
      b = Math.imul(b ^ (code + 1), 0x01000193)
      c = Math.imul(c ^ (code + 2), 0x01000193)
      d = Math.imul(d ^ (code + 3), 0x01000193)
    }
  }
  return [a, b, c, d].map((lane) => (lane >>> 0).toString(16).padStart(8, '0')).join('')
}

const lookups = new WeakMap<VFile, Map<string, string | null>>()

/**
 * Note that rendering `file` looked up the route of `path` and got `url`,
 * for `toCached` to store with the render.
 */
export function noteRoute(file: VFile, path: string, url: string | undefined): void {
  let seen = lookups.get(file)
  if (!seen) {
    seen = new Map()
    lookups.set(file, seen)
  }
  seen.set(path, url ?? null)
}

/**
 * Whether a stored render still holds: every route it looked up gets the
 * same URL now.
 */
export function routesHold(cached: CachedRender, routes: ReadonlyMap<string, string>): boolean {
  if (!Array.isArray(cached.routes)) return false
  return cached.routes.every(([path, url]) => (routes.get(path) ?? null) === url)
}

/** Store what a render left on a file. */
export function toCached(
  file: VFile,
  result: Pick<CachedRender, 'excerpt' | 'headings' | 'html' | 'stats' | 'toc'>
): CachedRender {
  const { matter, galleyFrontmatter, galleyLinks } = file.data
  return {
    html: result.html,
    headings: result.headings,
    toc: result.toc,
    excerpt: result.excerpt,
    stats: result.stats,
    data: JSON.stringify({ matter, galleyFrontmatter, galleyLinks }, markDates),
    routes: [...(lookups.get(file) ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    messages: storeMessages(file)
  }
}

/** Values of front matter as text: JSON with their dates marked (see `markDates`). */
export function encodeData(value: unknown): string | undefined {
  return JSON.stringify(value, markDates)
}

/** `encodeData`, undone: the same values, dates as dates. */
export function decodeData(text: string): unknown {
  return reviveDates(JSON.parse(text))
}

/**
 * `JSON.stringify` turns dates into strings before a replacer sees them; the
 * holder still has the `Date`, so mark it as `{ $date }` for `fromCached` to
 * revive. Content can hold such an object too (`x: { $date: … }` in front
 * matter), so every key of content that starts with `$` gets one more `$`,
 * and only an unescaped marker is ever revived: a warm build sees exactly
 * the data a cold one did.
 */
function markDates(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key]
  if (original instanceof Date) return { $date: original.toISOString() }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  const keys = Object.keys(value)
  if (!keys.some((name) => name.startsWith('$'))) return value
  // `fromEntries` defines own properties: a `__proto__` key stays a key.
  return Object.fromEntries(
    keys.map((name) => [
      name.startsWith('$') ? `$${name}` : name,
      (value as Record<string, unknown>)[name]
    ])
  )
}

/**
 * Undo `markDates`, children first, in one walk after a plain `JSON.parse`
 * (a `JSON.parse` reviver is called for every value and is several times
 * slower).
 */
function reviveDates(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    // own-key: `index` is an index.
    for (let index = 0; index < value.length; index++) value[index] = reviveDates(value[index])
    return value
  }
  const record = value as Record<string, unknown>
  const keys = Object.keys(record)
  if (keys.length === 1 && keys[0] === '$date' && typeof record.$date === 'string') {
    return new Date(record.$date)
  }
  let escaped = false
  for (const key of keys) {
    if (key.startsWith('$$')) escaped = true
    // own-key: an own key of an object `JSON.parse` made: even `__proto__`
    // is an own data property there, so this sets it and nothing else.
    record[key] = reviveDates(record[key])
  }
  if (!escaped) return value
  return Object.fromEntries(
    keys.map((name) => [name.startsWith('$$') ? name.slice(1) : name, record[name]])
  )
}

/** The data a render leaves that the cache keeps (see `toCached`). */
const cachedData = new Set(['matter', 'galleyFrontmatter', 'galleyLinks'])

/**
 * Remove from a file the data a render added that the cache does not keep,
 * so a render on this thread leaves what `fromCached` would.
 *
 * @param file
 *   Rendered file.
 * @param before
 *   Keys of `file.data` before the render (a loader's, such as `galleyDigest`).
 */
export function keepCachedData(file: VFile, before: ReadonlySet<string>): void {
  for (const key of Object.keys(file.data)) {
    if (!before.has(key) && !cachedData.has(key)) delete file.data[key as keyof typeof file.data]
  }
}

/** The validated front matter a stored render keeps (`galleyFrontmatter`), dates as dates. */
export function storedFrontmatter(cached: CachedRender): unknown {
  const data = JSON.parse(cached.data) as { galleyFrontmatter?: unknown }
  return data.galleyFrontmatter === undefined ? undefined : reviveDates(data.galleyFrontmatter)
}

/** Put a stored render back on a file: its data and its messages. */
export function fromCached(file: VFile, cached: CachedRender): void {
  const data = JSON.parse(cached.data) as {
    matter?: Record<string, unknown>
    galleyFrontmatter?: unknown
    galleyLinks?: LinkIndex
  }
  // Dates are only in front matter: the link index (most of the data) has
  // fixed keys and no dates, so it is not walked.
  if (data.matter) file.data.matter = reviveDates(data.matter) as Record<string, unknown>
  if (data.galleyFrontmatter !== undefined) {
    file.data.galleyFrontmatter = reviveDates(data.galleyFrontmatter)
  }
  if (data.galleyLinks) file.data.galleyLinks = data.galleyLinks
  restoreMessages(file, cached.messages)
}

/**
 * What a schema contributes to the fingerprint: its JSON Schema when it has
 * one (Zod, ArkType, Galley's fields), else its own structure (Valibot); and
 * in both cases the source text of every function it holds (a Zod
 * `.transform()` or `.refine()`, a Valibot `transform` action), which no
 * JSON Schema shows: editing a transform re-renders what it validated.
 */
export function schemaFingerprint(schema: unknown): unknown {
  const standard = (
    schema as { '~standard'?: { jsonSchema?: { input(options: unknown): unknown } } }
  )['~standard']
  const code = functionSources(schema)
  try {
    const json = standard?.jsonSchema?.input({
      target: 'draft-2020-12',
      libraryOptions: { unrepresentable: 'any' }
    })
    if (json) return { json, code }
  } catch {
    // Fall back to the structure.
  }
  return { schema, code }
}

/** How many objects `functionSources` looks at, at most. */
const budget = 50_000

/**
 * The source text of every function reachable through own properties of
 * `root`, sorted and without repeats (so the order of a walk, and values a
 * library computes lazily, do not matter).
 */
function functionSources(root: unknown): string[] {
  const sources = new Set<string>()
  const seen = new Set<object>()
  const stack: unknown[] = [root]
  while (stack.length > 0 && seen.size < budget) {
    const value = stack.pop()
    if (!value || (typeof value !== 'object' && typeof value !== 'function')) continue
    if (seen.has(value)) continue
    seen.add(value)
    if (typeof value === 'function') sources.add(String(value))
    if (value instanceof Map) {
      for (const item of value.values()) stack.push(item)
      continue
    }
    if (value instanceof Set) {
      for (const item of value) stack.push(item)
      continue
    }
    // A Zod schema (or check) is what its definition says; the rest of it is
    // the library's, and changes as it parses (it compiles parsers lazily).
    const zod = (value as { _zod?: { def?: unknown } })._zod
    if (zod && typeof zod === 'object' && zod.def && typeof zod.def === 'object') {
      stack.push(zod.def)
      continue
    }
    for (const key of Object.getOwnPropertyNames(value)) {
      const descriptor = Object.getOwnPropertyDescriptor(value, key)
      if (descriptor && 'value' in descriptor) stack.push(descriptor.value)
      // Other getters are not called (reading a lazy one can change the
      // schema), except `shape`, where Zod keeps an object's fields.
      else if (key === 'shape') {
        try {
          stack.push((value as Record<string, unknown>)[key])
        } catch {
          // A getter that throws holds nothing to fingerprint.
        }
      }
    }
  }
  return [...sources].sort()
}
