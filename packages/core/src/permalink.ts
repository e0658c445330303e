import { type FileNameDates, fileNameDate } from '@galley/frontmatter'
import { shortPath, unsafePathReason } from './path-safety.js'
import type { PermalinkContext } from './types.js'

/**
 * A permalink the content makes impossible: a date token for an undated
 * entry (`ruleId: 'permalink-date'`, about `date`), or a URL that climbs
 * out of the site (`'permalink-outside'`, about `slug`). Anything else a
 * permalink function throws is a bug in that function, not content.
 */
export class PermalinkError extends Error {
  override name = 'PermalinkError'
  readonly ruleId: 'permalink-date' | 'permalink-outside'
  /** The front-matter key to place the message at. */
  readonly key: 'date' | 'slug'

  constructor(ruleId: 'permalink-date' | 'permalink-outside', reason: string) {
    super(reason)
    this.ruleId = ruleId
    this.key = ruleId === 'permalink-date' ? 'date' : 'slug'
  }
}

/**
 * The slug of a file: its name without extension, or its folder's name for
 * `index.md` (a page bundle, as in Hugo); without the date of a dated name
 * (`_posts/2018-04-23-hello.md` → `hello`) that `fileNameDates` takes.
 *
 * @param path
 *   File path.
 * @param dates
 *   Which files' names give a date (default: `'jekyll'`).
 * @returns
 *   Slug.
 */
export function slugOf(path: string, dates?: FileNameDates | null | undefined): string {
  const named = fileNameDate(path, dates)
  if (named) return named.slug
  const parts = path.replace(/\\/g, '/').split('/')
  const name = (parts.pop() ?? '').replace(/\.[^.]*$/, '')
  return name === 'index' ? (parts.pop() ?? name) : name
}

/**
 * Fill a permalink pattern (`/posts/:year/:slug/`) or call a permalink
 * function, and normalize the result to an absolute URL path.
 *
 * @param permalink
 *   Pattern or function.
 * @param context
 *   Post.
 * @returns
 *   URL path, starting with `/`.
 */
export function toPermalink(
  // biome-ignore lint/suspicious/noExplicitAny: a collection's own permalink function types its data
  permalink: string | ((context: PermalinkContext<any>) => string),
  context: PermalinkContext<unknown>
): string {
  if (typeof permalink === 'function') {
    let value: unknown
    try {
      value = permalink(context)
    } catch (error) {
      throw new Error(
        `The permalink function threw for \`${context.path}\`: ${(error as Error)?.message ?? String(error)}`,
        { cause: error }
      )
    }
    if (typeof value !== 'string') {
      throw new TypeError(
        `Expected the permalink function to return a URL path for \`${context.path}\`, not \`${String(value)}\``
      )
    }
    return normalize(value)
  }
  const date = (context.data as { date?: Date | undefined }).date
  const token = /:(year|month|day)\b/.exec(permalink)
  if (token && !(date instanceof Date)) {
    throw new PermalinkError(
      'permalink-date',
      `Unexpected permalink token \`${token[0]}\` in \`${permalink}\` for an entry without a \`date\`; add a date to its front matter or drop the token`
    )
  }
  // The date only when the pattern has one of its tokens.
  const day = token ? dateParts(date ?? new Date(0), context.timeZone ?? 'UTC') : undefined
  const tokens: Record<string, string> = {
    slug: encodeURIComponent(context.slug),
    year: day?.year ?? '',
    month: day?.month ?? '',
    day: day?.day ?? ''
  }
  return normalize(permalink.replace(/:([a-z]+)/g, (match, name: string) => tokens[name] ?? match))
}

/**
 * The year, month and day of `date` in `timeZone` (default `UTC`), as
 * `Intl.DateTimeFormat` (`en-US`) writes them (`'2018'`, `'04'`, `'23'`):
 * the day a reader of the site sees, as permalinks, the archive and the
 * theme read it.
 *
 * @param date
 *   Instant.
 * @param timeZone
 *   IANA time zone (default: `'UTC'`).
 * @returns
 *   Year, month and day, with leading zeros.
 */
export function dateParts(
  date: Date,
  timeZone?: string | null | undefined
): { year: string; month: string; day: string } {
  timeZone ??= 'UTC'
  const year = date.getUTCFullYear()
  // In UTC, four-digit years need no formatter (making one takes milliseconds).
  if (timeZone === 'UTC' && year >= 1000 && year <= 9999) {
    const two = (value: number) => String(value).padStart(2, '0')
    return { year: String(year), month: two(date.getUTCMonth() + 1), day: two(date.getUTCDate()) }
  }
  const parts = dateFormat(timeZone).formatToParts(date)
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? ''
  return { year: part('year'), month: part('month'), day: part('day') }
}

function normalize(path: string): string {
  // A permalink may not climb out of the site: `/a/../../b` would, `/a/../b` does not.
  let depth = 0
  for (const segment of path.split('/')) {
    if (segment === '..') depth--
    else if (segment !== '' && segment !== '.') depth++
    if (depth < 0) {
      throw new PermalinkError(
        'permalink-outside',
        `Unexpected permalink \`${path}\` that resolves outside the output folder; fix the permalink or the slug`
      )
    }
  }
  // Slashes at the start are one (`//` would be a URL of another host: an
  // empty slug in `/:slug/` gives it, and means the site's root).
  const rooted = path.replace(/^[\\/]{2,}/, '/')
  let pathname: string
  try {
    pathname = new URL(rooted, 'https://galley.invalid/').pathname
  } catch {
    throw new PermalinkError(
      'permalink-outside',
      `Unexpected permalink \`${path}\` that is not a URL path of the site; fix the permalink or the slug`
    )
  }
  // As written too: a URL reads `\` as `/`, so `..\..\x` would climb out of its section unseen.
  const unsafe = unsafePathReason(path) ?? unsafePathReason(pathname)
  if (unsafe) {
    throw new PermalinkError(
      'permalink-outside',
      `Unexpected permalink \`${shortPath(path)}\` that no disk can hold: ${unsafe}; fix the permalink or the slug`
    )
  }
  return pathname
}

/** One formatter per time zone: making one costs more than using it (about 80 µs). */
const formats = new Map<string, Intl.DateTimeFormat>()

function dateFormat(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit'
    })
    formats.set(timeZone, format)
  }
  return format
}
