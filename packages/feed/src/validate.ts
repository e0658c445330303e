import type { Feed } from './model.js'

/** One problem with a feed model. */
export interface FeedProblem {
  /** Where, such as `items[2].published`. */
  path: string
  /** What is wrong. */
  reason: string
}

/**
 * Every problem with a feed model, all at once (nothing is thrown).
 *
 * @param value
 *   Candidate feed.
 * @returns
 *   Problems (empty when the feed can be written).
 */
export function validateFeed(value: unknown): FeedProblem[] {
  const problems: FeedProblem[] = []
  const add = (path: string, reason: string) => problems.push({ path, reason })

  if (!isRecord(value)) {
    add('(root)', 'expected an object')
    return problems
  }

  text(value.title, 'title', true, add)
  text(value.description, 'description', false, add)
  text(value.language, 'language', false, add)
  absolute(value.site, 'site', add)
  absolute(value.feedUrl, 'feedUrl', add)
  if (value.updated !== undefined) date(value.updated, 'updated', add)

  if (value.author !== undefined) {
    if (!isRecord(value.author)) add('author', 'expected an object with a `name`')
    else text(value.author.name, 'author.name', true, add)
  }

  if (!Array.isArray(value.items)) {
    add('items', 'expected an array')
    return problems
  }

  const site = safeUrl(value.site)
  value.items.forEach((item: unknown, index) => {
    const at = `items[${index}]`
    if (!isRecord(item)) {
      add(at, 'expected an object')
      return
    }
    text(item.title, `${at}.title`, true, add)
    text(item.summary, `${at}.summary`, false, add)
    text(item.contentHtml, `${at}.contentHtml`, false, add)
    date(item.published, `${at}.published`, add)
    if (item.updated !== undefined) date(item.updated, `${at}.updated`, add)
    if (!(typeof item.url === 'string' || item.url instanceof URL) || !safeUrl(item.url, site)) {
      add(`${at}.url`, 'expected a URL (relative URLs need an absolute `site`)')
    }
    if (
      item.categories !== undefined &&
      !(Array.isArray(item.categories) && item.categories.every((c) => typeof c === 'string'))
    ) {
      add(`${at}.categories`, 'expected an array of strings')
    }
  })

  return problems
}

/**
 * Throw one `TypeError` listing every problem of a feed model, if any.
 *
 * @param value
 *   Candidate feed.
 */
export function assertFeed(value: unknown): asserts value is Feed {
  const problems = validateFeed(value)
  if (problems.length === 0) return
  throw new TypeError(
    `Invalid feed:\n${problems.map((problem) => `- \`${problem.path}\`: ${problem.reason}`).join('\n')}`
  )
}

type Add = (path: string, reason: string) => void

function text(value: unknown, path: string, required: boolean, add: Add): void {
  if (value === undefined && !required) return
  if (typeof value !== 'string' || (required && value.trim() === '')) {
    add(path, required ? 'expected a non-empty string' : 'expected a string')
  }
}

function date(value: unknown, path: string, add: Add): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    add(path, 'expected a valid `Date`')
}

function absolute(value: unknown, path: string, add: Add): void {
  if (!(typeof value === 'string' || value instanceof URL) || !safeUrl(value)) {
    add(path, 'expected an absolute URL')
  }
}

function safeUrl(value: unknown, base?: URL): URL | undefined {
  try {
    return new URL(String(value), base)
  } catch {
    return undefined
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
