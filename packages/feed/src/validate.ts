import type { Feed } from './model.js'

/** One problem with a feed model. */
export interface FeedProblem {
  /** Where, such as `items[2].published`. */
  path: string
  /** What is wrong. */
  reason: string
}

type Add = (path: string, reason: string) => void

const email = /^[^@\s<>()]+@[^@\s<>()]+\.[^@\s<>()]+$/
const languageTag = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/

/**
 * Every problem with a feed model, all at once (nothing is thrown): what RSS,
 * Atom and JSON Feed validators would reject.
 *
 * @param value
 *   Candidate feed.
 * @returns
 *   Problems (empty when the feed can be written).
 */
export function validateFeed(value: unknown): FeedProblem[] {
  const problems: FeedProblem[] = []
  const add: Add = (path, reason) => problems.push({ path, reason })

  if (!isRecord(value)) {
    add('(root)', 'expected an object')
    return problems
  }

  text(value.title, 'title', true, add)
  text(value.description, 'description', false, add)
  if (
    value.language !== undefined &&
    !(typeof value.language === 'string' && languageTag.test(value.language))
  ) {
    add('language', 'expected a language tag such as `en` or `en-GB`')
  }
  absolute(value.site, 'site', add)
  absolute(value.feedUrl, 'feedUrl', add)
  if (value.stylesheet !== undefined)
    urlish(value.stylesheet, 'stylesheet', safeUrl(value.site), add)
  if (value.image !== undefined) urlish(value.image, 'image', safeUrl(value.site), add)
  if (value.updated !== undefined) date(value.updated, 'updated', add)
  for (const name of ['ttl', 'limit'] as const) {
    const number = value[name]
    if (number !== undefined && !(Number.isInteger(number) && (number as number) > 0)) {
      add(name, 'expected a whole number greater than 0')
    }
  }
  people(value.authors, 'authors', add)

  if (!Array.isArray(value.items)) {
    add('items', 'expected an array')
    return problems
  }

  const site = safeUrl(value.site)
  const ids = new Map<string, number>()
  value.items.forEach((item: unknown, index) => {
    const at = `items[${index}]`
    if (!isRecord(item)) {
      add(at, 'expected an object')
      return
    }
    text(item.title, `${at}.title`, false, add)
    text(item.summary, `${at}.summary`, false, add)
    text(item.contentHtml, `${at}.contentHtml`, false, add)
    if (!nonEmpty(item.title) && !nonEmpty(item.summary) && !nonEmpty(item.contentHtml)) {
      add(
        at,
        'expected a `title`, a `summary` or `contentHtml`: an item must have a title or a description'
      )
    }
    date(item.published, `${at}.published`, add)
    if (item.updated !== undefined) date(item.updated, `${at}.updated`, add)
    const url = urlish(item.url, `${at}.url`, site, add)
    if (item.id !== undefined) text(item.id, `${at}.id`, true, add)
    const id = typeof item.id === 'string' ? item.id : url?.href
    if (id !== undefined) {
      const first = ids.get(id)
      if (first === undefined) ids.set(id, index)
      else add(`${at}.id`, `expected a unique id, \`${id}\` is also the id of \`items[${first}]\``)
    }
    if (item.image !== undefined) urlish(item.image, `${at}.image`, url ?? site, add)
    if (
      item.categories !== undefined &&
      !(
        Array.isArray(item.categories) &&
        item.categories.every((c) => typeof c === 'string' && c.trim() !== '')
      )
    ) {
      add(`${at}.categories`, 'expected an array of non-empty strings')
    }
    people(item.authors, `${at}.authors`, add)
    if (item.enclosures !== undefined) {
      if (!Array.isArray(item.enclosures)) add(`${at}.enclosures`, 'expected an array')
      else {
        for (const [place, enclosure] of (item.enclosures as unknown[]).entries()) {
          const where = `${at}.enclosures[${place}]`
          if (!isRecord(enclosure)) {
            add(where, 'expected an object')
            continue
          }
          urlish(enclosure.url, `${where}.url`, url ?? site, add)
          if (
            !(typeof enclosure.type === 'string' && /^[\w.+-]+\/[\w.+-]+$/.test(enclosure.type))
          ) {
            add(`${where}.type`, 'expected a MIME type such as `audio/mpeg`')
          }
          if (!(Number.isInteger(enclosure.length) && (enclosure.length as number) >= 0)) {
            add(`${where}.length`, 'expected a size in bytes (a whole number)')
          }
        }
      }
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

function people(value: unknown, path: string, add: Add): void {
  if (value === undefined) return
  if (!Array.isArray(value)) {
    add(path, 'expected an array of people')
    return
  }
  for (const [index, person] of (value as unknown[]).entries()) {
    const at = `${path}[${index}]`
    if (!isRecord(person)) {
      add(at, 'expected an object with a `name`')
      continue
    }
    text(person.name, `${at}.name`, true, add)
    if (
      person.email !== undefined &&
      !(typeof person.email === 'string' && email.test(person.email))
    ) {
      add(`${at}.email`, 'expected an email address')
    }
    if (person.url !== undefined) absolute(person.url, `${at}.url`, add)
  }
}

function text(value: unknown, path: string, required: boolean, add: Add): void {
  if (value === undefined && !required) return
  if (typeof value !== 'string' || (required && value.trim() === '')) {
    add(path, required ? 'expected a non-empty string' : 'expected a string')
  }
}

function nonEmpty(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== ''
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

function urlish(value: unknown, path: string, base: URL | undefined, add: Add): URL | undefined {
  const url = typeof value === 'string' || value instanceof URL ? safeUrl(value, base) : undefined
  if (!url) add(path, 'expected a URL (relative URLs need an absolute `site`)')
  return url
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
