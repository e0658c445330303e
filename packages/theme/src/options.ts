/** A link of the site's navigation. */
export interface NavLink {
  /** Text of the link. */
  text: string
  /** Where it goes: a URL path (`/about/`) or an absolute URL. */
  href: string
}

/** The author of the site's posts (`ThemeOptions.author`). */
export interface Author {
  /** Name, as the byline and JSON-LD give it. */
  name: string
  /** Their page, if any (absolute, or a URL path of the site). */
  url?: string | null | undefined
}

/** Options of `theme`. */
export interface ThemeOptions {
  /**
   * Links of the site's header, in order (default: the posts (`/`) and the
   * tags' index when the site has one; the feeds are linked in the footer).
   */
  nav?: ReadonlyArray<NavLink> | null | undefined
  /**
   * Accent colour of links and focus rings: a CSS hex colour (`#b4441b`),
   * an `rgb()`, `hsl()` or `oklch()` colour or a colour keyword (default:
   * `#b4441b` in light mode, a lighter tone in dark mode). Anything else
   * throws a `TypeError`.
   */
  accent?: string | null | undefined
  /**
   * How dates are shown: `Intl.DateTimeFormat` options, in the site's
   * `language` and `timeZone` unless they say otherwise (default:
   * `{ dateStyle: 'long' }`), or a function of the date. The `datetime`
   * attribute is always ISO 8601, the day in the site's time zone.
   */
  dateFormat?: Intl.DateTimeFormatOptions | ((date: Date) => string) | null | undefined
  /**
   * The author of the posts: a byline on each post, and `author` of its
   * JSON-LD (default: none; a post's own `author` front matter, when text,
   * is used first).
   */
  author?: string | Author | null | undefined
  /**
   * An image for link previews (Open Graph, Twitter) of pages whose front
   * matter gives none (`image`, or the first of `images`): a URL path of
   * the site or an absolute URL (default: none).
   */
  image?: string | null | undefined
}

/** Options with their defaults, checked. */
export interface Settings {
  nav: ReadonlyArray<NavLink> | undefined
  accent: string | undefined
  formatDate: (date: Date, language: string | undefined, timeZone: string | undefined) => string
  author: Author | undefined
  image: string | undefined
}

/**
 * A colour a stylesheet can take as it is: nothing that closes the rule or
 * the `<style>` element.
 */
const colour =
  /^(?:#[\da-f]{3,8}|[a-z]{3,30}|(?:rgba?|hsla?|oklch|oklab|lab|lch)\([\d\s.,%/+-]*\))$/i

/**
 * Check options and fill in defaults.
 *
 * @param options
 *   Options (optional).
 * @returns
 *   Settings.
 */
export function settingsOf(options: Readonly<ThemeOptions> | null | undefined): Settings {
  const given = options ?? {}
  const accent = given.accent ?? undefined
  if (accent !== undefined && !(typeof accent === 'string' && colour.test(accent))) {
    throw new TypeError(
      `Expected \`accent\` to be a CSS colour such as \`#b4441b\` or \`rgb(180 68 27)\`, not \`${String(accent)}\``
    )
  }
  for (const link of given.nav ?? []) {
    if (typeof link?.text !== 'string' || typeof link.href !== 'string') {
      throw new TypeError('Expected each `nav` link to be `{ text, href }` with text values')
    }
  }
  const format = given.dateFormat
  const formats = new Map<string, Intl.DateTimeFormat>()
  const formatDate =
    typeof format === 'function'
      ? (date: Date) => format(date)
      : (date: Date, language: string | undefined, timeZone: string | undefined) => {
          const locale = language ?? 'en'
          const key = `${locale}\u0000${timeZone ?? 'UTC'}`
          let found = formats.get(key)
          if (!found) {
            found = new Intl.DateTimeFormat(
              locale,
              format
                ? { timeZone: timeZone ?? 'UTC', ...format }
                : { dateStyle: 'long', timeZone: timeZone ?? 'UTC' }
            )
            formats.set(key, found)
          }
          return found.format(date)
        }
  const author =
    typeof given.author === 'string' ? { name: given.author } : (given.author ?? undefined)
  return {
    nav: given.nav ?? undefined,
    accent,
    formatDate,
    author,
    image: given.image ?? undefined
  }
}
