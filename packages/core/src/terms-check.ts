import { slug as slugify } from 'github-slugger'
import { placeOf } from './place.js'
import { source } from './source.js'
import type { Page, PostData } from './types.js'

/**
 * Warn at each term that can make no URL (`tags: [ "???" ]`: no letter or
 * digit is left of it), which `gatherTerms` then leaves out: its page would
 * be the taxonomy's index, and its feed items would share one id. A
 * `unusable-term` warning at the value; the post is built without the term.
 *
 * @param pages
 *   Pages, with their files.
 * @param taxonomies
 *   Taxonomy keys.
 */
export function checkTerms<D extends PostData>(
  pages: ReadonlyArray<Page<D>>,
  taxonomies: Iterable<string>
): void {
  const keys = [...taxonomies]
  for (const page of pages) {
    const record = page.data as unknown as Record<string, unknown>
    for (const key of keys) {
      const value = Object.hasOwn(record, key) ? record[key] : undefined
      const names = typeof value === 'string' ? [value] : Array.isArray(value) ? value : []
      names.forEach((name, index) => {
        if (typeof name !== 'string' || isUsableTerm(name)) return
        const reason = `Unexpected ${key === 'tags' ? 'tag' : `\`${key}\` term`} \`${name}\` with no letter or digit to make its URL from; it is left out: rename it`
        // Said once a file, however often the file is checked.
        if (page.file.messages.some((message) => message.reason === reason)) return
        const place = placeOf(page.file, Array.isArray(value) ? [key, index] : [key])
        const message = page.file.message(reason, {
          place: place ?? { line: 1, column: 1 },
          ruleId: 'unusable-term',
          source
        })
        message.fatal = false
      })
    }
  }
}

/**
 * Whether a term name can make a URL (`checkTerms` warns at those that cannot).
 *
 * @param name
 *   Term name.
 */
export function isUsableTerm(name: string): boolean {
  return slugify(name) !== ''
}
