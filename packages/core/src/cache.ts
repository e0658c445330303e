import type { LinkIndex } from '@galley/links'
import type { Excerpt, Heading, Stats, TocEntry } from '@galley/markdown'
import type { VFile } from 'vfile'
import { VFileMessage } from 'vfile-message'

/** Everything a render produced, as JSON-safe data. */
export interface CachedRender {
  html: string
  headings: Heading[]
  toc: TocEntry[]
  excerpt: Excerpt
  stats: Stats
  /** `file.data` keys: `matter`, `galleyFrontmatter` (dates marked), `galleyLinks`. */
  data: string
  messages: Array<{
    reason: string
    place: VFileMessage['place']
    ruleId: string | undefined
    source: string | undefined
    fatal: boolean | null | undefined
    expected: string[] | undefined
  }>
}

/**
 * Where renders are kept between builds. `@galley/core/node` has one on
 * disk (`createContentCache`); any object with these two methods works.
 */
export interface ContentCache {
  /** The render stored under `key`, if any. */
  get(key: string): Promise<CachedRender | undefined> | CachedRender | undefined
  /** Store a render under `key`. */
  set(key: string, value: CachedRender): Promise<void> | void
}

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
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b]
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index)
    for (let lane = 0; lane < lanes.length; lane++) {
      lanes[lane] = Math.imul((lanes[lane] as number) ^ (code + lane), 0x01000193)
    }
  }
  return lanes.map((lane) => (lane >>> 0).toString(16).padStart(8, '0')).join('')
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
    messages: file.messages.map((message) => ({
      reason: message.reason,
      place: message.place,
      ruleId: message.ruleId,
      source: message.source,
      fatal: message.fatal,
      expected: message.expected
    }))
  }
}

/**
 * `JSON.stringify` turns dates into strings before a replacer sees them; the
 * holder still has the `Date`, so mark it for `fromCached` to revive.
 */
function markDates(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key]
  return original instanceof Date ? { $date: original.toISOString() } : value
}

/** Put a stored render back on a file: its data and its messages. */
export function fromCached(file: VFile, cached: CachedRender): void {
  const data = JSON.parse(cached.data, (_key, value: unknown) =>
    value && typeof value === 'object' && '$date' in value && Object.keys(value).length === 1
      ? new Date(String((value as { $date: string }).$date))
      : value
  ) as { matter?: Record<string, unknown>; galleyFrontmatter?: unknown; galleyLinks?: LinkIndex }
  if (data.matter) file.data.matter = data.matter
  if (data.galleyFrontmatter !== undefined) file.data.galleyFrontmatter = data.galleyFrontmatter
  if (data.galleyLinks) file.data.galleyLinks = data.galleyLinks
  for (const stored of cached.messages) {
    const message = new VFileMessage(stored.reason, {
      place: stored.place,
      ruleId: stored.ruleId,
      source: stored.source
    })
    // As `file.message()` does: the path leads the message's name.
    if (file.path) {
      message.name = `${file.path}:${message.name}`
      message.file = file.path
    }
    message.fatal = stored.fatal
    if (stored.expected) message.expected = stored.expected
    file.messages.push(message)
  }
}

/**
 * What a schema contributes to the fingerprint: its JSON Schema when it has
 * one (Zod, ArkType, Galley's fields), else its own structure (Valibot).
 */
export function schemaFingerprint(schema: unknown): unknown {
  const standard = (
    schema as { '~standard'?: { jsonSchema?: { input(options: unknown): unknown } } }
  )['~standard']
  try {
    const json = standard?.jsonSchema?.input({
      target: 'draft-2020-12',
      libraryOptions: { unrepresentable: 'any' }
    })
    if (json) return json
  } catch {
    // Fall back to the structure.
  }
  return schema
}
