/**
 * Which files' names give a date (`2018-04-23-slug.md`): `'jekyll'`, only
 * files in a `_posts` folder, as Jekyll requires of posts; `'all'`, any
 * file, as Hugo's `:filename` date setting reads them; `'none'`.
 */
export type FileNameDates = 'all' | 'jekyll' | 'none'

const dated = /^(\d{4})-(\d{2})-(\d{2})-(.+)$/

/**
 * The date and slug a file's name gives (`_posts/2018-04-23-hello.md` →
 * `2018-04-23` and `hello`), for the files `mode` takes; `undefined` for
 * any other file, and for a name whose date is not a real day.
 *
 * @param path
 *   File path, with `/` or `\` separators.
 * @param mode
 *   Which files' names give a date (default: `'jekyll'`).
 * @returns
 *   The date as `YYYY-MM-DD`, and the rest of the name without extension.
 */
export function fileNameDate(
  path: string,
  mode: FileNameDates | null | undefined = 'jekyll'
): { date: string; slug: string } | undefined {
  if (mode === 'none') return undefined
  const parts = path.replace(/\\/g, '/').split('/')
  let name = (parts.pop() ?? '').replace(/\.[^.]*$/, '')
  // A bundle's `index.md` takes its folder's name.
  if (name === 'index' && mode === 'all') name = parts.pop() ?? ''
  if (mode !== 'all' && !parts.includes('_posts')) return undefined
  const match = dated.exec(name)
  if (!match) return undefined
  const [, year, month, day, slug] = match as unknown as [string, string, string, string, string]
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)))
  if (date.getUTCMonth() !== Number(month) - 1 || date.getUTCDate() !== Number(day)) {
    return undefined
  }
  return { date: `${year}-${month}-${day}`, slug }
}
