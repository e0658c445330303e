import type { Page } from '@galley/core'

/**
 * Write a value as a JavaScript expression: JSON, plus `Date`s (which JSON
 * would turn into strings) as `new Date(…)`.
 *
 * @param value
 *   Plain data: front matter, headings.
 * @returns
 *   JavaScript expression.
 */
export function toJs(value: unknown): string {
  if (value instanceof Date) return `new Date(${JSON.stringify(value.toISOString())})`
  if (Array.isArray(value)) return `[${value.map(toJs).join(', ')}]`
  if (value && typeof value === 'object') {
    const fields = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .map(([key, field]) => `${JSON.stringify(key)}: ${toJs(field)}`)
    return `{${fields.join(', ')}}`
  }
  return value === undefined ? 'undefined' : JSON.stringify(value)
}

/** What a module gives of one entry. */
function entryOf(page: Page<unknown>) {
  return {
    id: page.slug,
    collection: page.collection,
    url: page.url,
    frontmatter: page.data,
    html: page.html,
    headings: page.headings,
    toc: page.toc,
    excerpt: page.excerpt,
    stats: page.stats
  }
}

/**
 * The module of one `.md` file: each field as a named export, and the whole
 * entry as the default export.
 *
 * @param page
 *   Rendered entry.
 * @returns
 *   JavaScript module.
 */
export function entryModule(page: Page<unknown>): string {
  const entry = entryOf(page)
  const names = Object.keys(entry) as Array<keyof typeof entry>
  return [
    ...names.map((name) => `export const ${name} = ${toJs(entry[name])}`),
    `export default { ${names.join(', ')} }`,
    ''
  ].join('\n')
}

/**
 * The module of a collection: `entries`, in the collection's order (posts
 * newest first, other collections by URL), also the default export.
 *
 * @param pages
 *   Published entries.
 * @returns
 *   JavaScript module.
 */
export function collectionModule(pages: ReadonlyArray<Page<unknown>>): string {
  return [
    `export const entries = [${pages.map((page) => toJs(entryOf(page))).join(',\n')}]`,
    'export default entries',
    ''
  ].join('\n')
}
