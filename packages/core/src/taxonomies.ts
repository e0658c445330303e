import { slug as slugify } from 'github-slugger'
import { compareText } from './compare.js'
import { isUsableTerm } from './terms-check.js'
import type { Page, PostData, Tag, Taxonomies, TaxonomyConfig } from './types.js'

/**
 * The taxonomies of a config: `tags` unless configured otherwise.
 *
 * @returns
 *   Taxonomy key → term permalink pattern.
 */
export function taxonomyPatterns(
  config: Readonly<Record<string, TaxonomyConfig>> | null | undefined
): Map<string, string> {
  const given = config ?? { tags: {} }
  return new Map(
    Object.entries(given).map(([key, settings]) => [
      key,
      settings.permalink ?? `/${encodeURIComponent(slugify(key))}/:term/`
    ])
  )
}

/**
 * The names a post has in one taxonomy, from its front matter: a string
 * (`categories: Travel`) or a list of strings (`tags: [ a, b ]`).
 *
 * @param data
 *   The post's validated front matter.
 * @param key
 *   Taxonomy (its front-matter key).
 * @returns
 *   Names, as written.
 */
export function termsOf(data: PostData, key: string): string[] {
  const record = data as unknown as Record<string, unknown>
  const value = Object.hasOwn(record, key) ? record[key] : undefined
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
}

/**
 * Group posts by the terms of each taxonomy; terms sorted by name, each
 * term's posts in the order given (newest first).
 *
 * @returns
 *   Terms by taxonomy.
 */
export function gatherTerms<D extends PostData>(
  pages: ReadonlyArray<Page<D>>,
  patterns: ReadonlyMap<string, string>
): Taxonomies<D> {
  const result: Taxonomies<D> = {}
  for (const [key, pattern] of patterns) {
    const terms = new Map<string, Tag<D> & { pages: Array<Page<D>> }>()
    // Each name's URL made once: thousands of posts share a few terms.
    const urls = new Map<string, string>()
    for (const page of pages) {
      for (const name of termsOf(page.data, key)) {
        // A name with no letter or digit makes no URL (`checkTerms` says so).
        if (!isUsableTerm(name)) continue
        let url = urls.get(name)
        if (url === undefined) {
          url = pattern.replace(/:term\b/g, encodeURIComponent(slugify(name)))
          urls.set(name, url)
        }
        let term = terms.get(url)
        if (!term) {
          term = { name, taxonomy: key, url, pages: [] }
          terms.set(url, term)
        }
        term.pages.push(page)
      }
    }
    // own-key: taxonomy names come from the config.
    result[key] = [...terms.values()].sort((a, b) => compareText(a.name, b.name))
  }
  return result
}

/**
 * The URL path of a taxonomy's index page: its term permalink's folder
 * (`/tags/:term/` → `/tags/`), or `undefined` when the pattern has no
 * plain folder before `:term` or that folder is the home page.
 *
 * @param pattern
 *   Term permalink pattern (`taxonomyPatterns`).
 * @returns
 *   URL path, or `undefined`.
 */
export function termIndexUrl(pattern: string): string | undefined {
  const at = pattern.indexOf(':term')
  if (at === -1 || pattern.indexOf(':term', at + 1) !== -1) return undefined
  const folder = pattern.slice(0, at)
  return folder.startsWith('/') && folder.endsWith('/') && folder !== '/' && !folder.includes(':')
    ? folder
    : undefined
}
