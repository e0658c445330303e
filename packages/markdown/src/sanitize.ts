import rehypeSanitize, { defaultSchema, type Options as SanitizeOptions } from 'rehype-sanitize'
import type { Pluggable } from 'unified'

/**
 * GitHub's sanitizing rules (rehype-sanitize's default schema), keeping `id`
 * as written (so heading ids and `#anchors` still match) and `class` on
 * every element. `javascript:` and other unsafe URLs are removed, comments
 * and doctypes too, and `name` values get a `user-content-` prefix, so
 * `<img name="cookie">` cannot replace `document.cookie` (DOM clobbering).
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
export function sanitizePlugin(option: SanitizeOptions | true): Pluggable {
  return [rehypeSanitize, option === true ? sanitizeSchema : safeSchema(option)]
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
