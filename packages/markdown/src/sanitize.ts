import type { Root } from 'hast'
import rehypeSanitize, { defaultSchema, type Options as SanitizeOptions } from 'rehype-sanitize'
import type { PluggableList } from 'unified'
import { eachElement } from './walk.js'

/**
 * GitHub's sanitizing rules (rehype-sanitize's default schema), keeping `id`
 * and `class` on every element. `javascript:` and other unsafe URLs are
 * removed, comments and doctypes too, and `name` values get a
 * `user-content-` prefix, so `<img name="cookie">` cannot replace
 * `document.cookie` (DOM clobbering); with `sanitize: true` so do the ids
 * of every element but headings (`sanitizePlugin`), so heading ids and
 * `#anchors` still match.
 *
 * Frozen, and without prototypes all the way down: a polluted
 * `Object.prototype` cannot add a rule to it.
 */
export const sanitizeSchema: SanitizeOptions = safeSchema({
  ...defaultSchema,
  allowComments: false,
  allowDoctypes: false,
  clobber: ['name'],
  clobberPrefix: 'user-content-',
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'id']
  }
})

/**
 * The sanitize step for the `sanitize` option.
 *
 * @param option
 *   `true`, or a schema (copied as `safeSchema` copies it).
 * @returns
 *   Plugin with its options.
 */
export function sanitizePlugin(option: SanitizeOptions | true): PluggableList {
  if (option !== true) return [[rehypeSanitize, safeSchema(option)]]
  return [[rehypeSanitize, sanitizeSchema], rehypeGalleyPrefixIds]
}

const prefix = 'user-content-'
const heading = /^h[1-6]$/

/**
 * Give the `id` of every element but a heading the `user-content-` prefix,
 * as GitHub does (footnotes have it already): `<img id="cookie"
 * name="x">` or `<a id="getElementById">` would otherwise be reachable as
 * `document.cookie` or a global. Headings keep theirs, as written or made,
 * so `#anchors` still match: a heading is not an element `document`
 * exposes by id.
 */
function rehypeGalleyPrefixIds() {
  return (tree: Root): undefined => {
    eachElement(tree, (element) => {
      const id = element.properties.id
      if (typeof id === 'string' && id !== '' && !heading.test(element.tagName)) {
        if (!id.startsWith(prefix)) element.properties.id = `${prefix}${id}`
      }
      return undefined
    })
    return undefined
  }
}

/**
 * A frozen copy of a schema made only of its own properties, with objects
 * that have no prototype: what the sanitizer reads is what was written.
 */
function safeSchema(schema: SanitizeOptions): SanitizeOptions {
  return frozenCopy(schema) as SanitizeOptions
}

function frozenCopy(value: unknown): unknown {
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy))
  if (!value || typeof value !== 'object') return value
  const copy = Object.create(null) as Record<string, unknown>
  for (const key of Object.keys(value)) {
    Object.defineProperty(copy, key, {
      value: frozenCopy((value as Record<string, unknown>)[key]),
      enumerable: true
    })
  }
  return Object.freeze(copy)
}
