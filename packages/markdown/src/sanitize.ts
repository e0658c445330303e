import rehypeSanitize, { defaultSchema, type Options as SanitizeOptions } from 'rehype-sanitize'
import type { Pluggable } from 'unified'

/**
 * GitHub's sanitizing rules (rehype-sanitize's default schema), keeping `id`
 * as written (so heading ids and `#anchors` still match) and `class` on
 * every element. `javascript:` and other unsafe URLs are removed.
 */
export const sanitizeSchema: SanitizeOptions = {
  ...defaultSchema,
  clobber: [],
  attributes: {
    ...defaultSchema.attributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []), 'className', 'id']
  }
}

/**
 * The sanitize step for the `sanitize` option.
 *
 * @param option
 *   `true`, or a schema.
 * @returns
 *   Plugin with its options.
 */
export function sanitizePlugin(option: SanitizeOptions | true): Pluggable {
  return [rehypeSanitize, option === true ? sanitizeSchema : option]
}
