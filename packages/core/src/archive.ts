import { dateParts } from './permalink.js'
import type { Archive, GalleyConfig, Page, PostData, PostSchema } from './types.js'

/**
 * The URL path of a site's archive page: `archive` (default `/archive/`)
 * as a folder URL, when there is an archive layout and posts to list; a
 * value that is not a URL path of the site throws a `TypeError`.
 *
 * @param config
 *   Configuration.
 * @param posts
 *   How many posts are published.
 * @returns
 *   URL path, or `undefined` for no archive.
 */
export function archiveUrlOf(
  config: Readonly<Pick<GalleyConfig<PostSchema>, 'archive' | 'layouts'>>,
  posts: number
): string | undefined {
  if (!config.layouts?.archive || config.archive === false || posts === 0) return undefined
  const given = config.archive ?? '/archive/'
  if (typeof given !== 'string' || !given.startsWith('/') || given.startsWith('//')) {
    throw new TypeError(
      `Expected \`archive\` to be a URL path of the site such as \`/archive/\`, or \`false\`, not \`${String(given)}\``
    )
  }
  return given.endsWith('/') ? given : `${given}/`
}

/**
 * Posts by the year of their date in `timeZone`, newest year first, each
 * year's posts in the order given (the site's: newest first).
 *
 * @param pages
 *   Posts, newest first.
 * @param timeZone
 *   Time zone of the site (default: UTC).
 * @returns
 *   Years.
 */
export function byYear<P extends Page<PostData>>(
  pages: ReadonlyArray<P>,
  timeZone: string | null | undefined
): Archive<PostData>['years'] & Array<{ year: string; pages: P[] }> {
  const years = new Map<string, P[]>()
  for (const page of pages) {
    const year = dateParts(page.data.date, timeZone).year
    let list = years.get(year)
    if (!list) {
      list = []
      years.set(year, list)
    }
    list.push(page)
  }
  return [...years]
    .map(([year, list]) => ({ year, pages: list }))
    .sort((a, b) => Number(b.year) - Number(a.year))
}
