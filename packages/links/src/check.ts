import type { VFile } from 'vfile'
import { didYouMean, suggest } from './suggest.js'
import { fragmentOf, pageKey, pathOf, toSiteUrl } from './url.js'

/** Configuration for `checkLinks`. */
export interface Options {
  /**
   * Origin of the site, such as `'https://example.com'` (default: none).
   * Absolute links to this origin are checked the same way as relative ones.
   */
  site?: string | URL | null | undefined
  /**
   * Other URLs that exist on the site without being one of `files`: the
   * home page, tag pages, feeds, images (default: none). Anchors on them are
   * not checked.
   */
  routes?: Iterable<string> | null | undefined
  /** Links to leave alone: exact strings, or patterns tested on the link as written (default: none). */
  skip?: ReadonlyArray<RegExp | string> | null | undefined
  /**
   * The URL path each file is published at (default: the file's path without
   * its extension, `index` standing for its folder: `posts/a.md` → `/posts/a/`).
   */
  toUrl?: ((file: VFile) => string) | null | undefined
  /**
   * For a linked Markdown file no page is published from (`Link.file`),
   * the path of the file it means when that file exists but failed (its
   * front matter has errors), so the link is reported as `failed-file`
   * instead of `missing-file` (default: none).
   */
  failedFile?: ((file: string) => string | undefined) | null | undefined
}

export const source = '@galley/links'

const emptyOptions: Readonly<Options> = {}

/** How many page comparisons “did you mean” may make in one `checkLinks` call. */
const suggestionBudget = 2_000_000

/**
 * Check the links of every file against the other files: that linked pages
 * exist, that `#fragments` name an id the target really has, that no link is
 * empty and no id is given twice. It never fetches the network: links to
 * other origins (and `mailto:` and such) are left alone.
 *
 * Problems are added to the files as warnings, but a missing image, which is an
 * error (`missing-image`). Files must have run through
 * `rehypeGalleyLinks`; files that did not are only link targets, without ids.
 *
 * @param files
 *   Rendered files.
 * @param options
 *   Configuration (optional).
 */
export function checkLinks(files: ReadonlyArray<VFile>, options?: Readonly<Options> | null): void {
  const checker = createLinkChecker(files, options)
  for (const file of files) checker.check(file)
}

/** Checks the links of files against one site: see `createLinkChecker`. */
export interface LinkChecker {
  /**
   * Check the links and ids of one file, adding warnings to it. The file
   * is one of the site's files or a new version of one (same URL, same ids:
   * the site is as it was when the checker was made).
   */
  check(file: VFile): void
  /**
   * Whether every “did you mean” so far was made: false once suggestions
   * ran past their budget (then checking the files again in another order
   * could word messages differently).
   */
  readonly complete: boolean
  /**
   * How many page comparisons “did you mean” made so far: a checker made
   * again for the same site (a build resumed from a snapshot) starts from
   * it (see `CheckerOptions.spent`), so it runs out no later than a check
   * of the whole site would.
   */
  readonly spent: number
}

/** Configuration for `createLinkChecker`: `Options`, and where its budget starts. */
export interface CheckerOptions extends Options {
  /** Comparisons an earlier checker of this site already made (`LinkChecker.spent`; default: `0`). */
  spent?: number | null | undefined
  /**
   * The ids of a file when they are known without its link index (a build
   * resumed from a snapshot keeps them apart); `undefined` reads
   * `file.data.galleyLinks` (default: that, for every file).
   */
  idsOf?: ((file: VFile) => Iterable<string> | undefined) | null | undefined
}

/**
 * Index the pages and ids of a site once, to check its files' links one by
 * one: `checkLinks` checks them all; a host that re-renders one file whose
 * URL and ids stay the same checks only that file again, and gets the
 * messages a check of the whole site would give it.
 *
 * @param files
 *   Rendered files (the site's pages).
 * @param options
 *   Configuration (optional), as `checkLinks`.
 * @returns
 *   Checker.
 */
export function createLinkChecker(
  files: ReadonlyArray<VFile>,
  options?: Readonly<CheckerOptions> | null
): LinkChecker {
  const settings: Readonly<CheckerOptions> = options || emptyOptions
  const site = toSiteUrl(settings.site)
  const toUrl = settings.toUrl || defaultToUrl
  const skip = settings.skip || []
  // Each page's ids, as a list until a link looks into it.
  const pages = new Map<string, ReadonlySet<string> | Iterable<string> | undefined>()
  // How each page is written, for suggestions: `/posts/a/`, not the key `/posts/a`.
  const written = new Map<string, string>()

  for (const route of settings.routes || []) {
    const pathname = pathOf(route, site)
    pages.set(pageKey(pathname), undefined)
    written.set(pageKey(pathname), pathname)
  }

  for (const file of files) {
    const pathname = pathOf(toUrl(file), site)
    const ids =
      settings.idsOf?.(file) ?? (file.data.galleyLinks?.ids ?? []).map((target) => target.id)
    pages.set(pageKey(pathname), ids)
    written.set(pageKey(pathname), pathname)
  }
  const idsAt = (key: string): ReadonlySet<string> | undefined => {
    const ids = pages.get(key)
    if (ids === undefined || ids instanceof Set) return ids as ReadonlySet<string> | undefined
    const set = new Set(ids)
    pages.set(key, set)
    return set
  }

  // Many links can point at one missing page: suggest once for each.
  const pageSuggestions = new Map<string, string>()
  // Suggestions compare a missing page with every page: on a huge site with
  // many broken links that is quadratic, so the work has a budget; past it,
  // messages come without “did you mean”.
  let budget = suggestionBudget - (settings.spent ?? 0)
  let complete = true
  const suggestPage = (key: string) => {
    let hint = pageSuggestions.get(key)
    if (hint === undefined) {
      hint = ''
      if (budget >= pages.size) {
        budget -= pages.size
        hint = didYouMean(suggest(key, pages.keys()).map((found) => written.get(found) ?? found))
      } else complete = false
      pageSuggestions.set(key, hint)
    }
    return hint
  }

  const check = (file: VFile) => {
    const url = new URL(toUrl(file), site)
    const index = file.data.galleyLinks ?? { ids: [], links: [] }
    const seen = new Set<string>()
    for (const target of index.ids) {
      if (seen.has(target.id)) {
        file.message(`Unexpected duplicate id \`${target.id}\`, expected ids to be unique`, {
          place: target.place,
          ruleId: 'duplicate-id',
          source
        })
      }
      seen.add(target.id)
    }

    for (const link of index.links) {
      if (
        skip.some((pattern) =>
          typeof pattern === 'string' ? pattern === link.href : pattern.test(link.href)
        )
      ) {
        continue
      }

      if (link.href.trim() === '') {
        file.message('Unexpected empty link, expected a URL or a `#fragment`', {
          place: link.place,
          ruleId: 'empty-link',
          source
        })
        continue
      }

      let target: URL
      try {
        target = new URL(link.href, url)
      } catch {
        continue // Not a URL a browser could follow; external checks (later) report these.
      }
      if (target.origin !== site.origin) continue

      const key = pageKey(target.pathname)
      const samePage = key === pageKey(url.pathname)
      const failed = !pages.has(key) && link.file !== undefined && settings.failedFile?.(link.file)
      if (failed) {
        file.message(
          `Cannot link to \`${failed}\`, linked as \`${link.href}\`: it has errors, so no page is made of it; fix them first`,
          { place: link.place, ruleId: 'failed-file', source }
        )
        continue
      }
      if (!pages.has(key) && link.file !== undefined) {
        file.message(
          `Cannot find \`${link.file}\`, linked as \`${link.href}\`; fix the path, or add the file`,
          { place: link.place, ruleId: 'missing-file', source }
        )
        continue
      }
      if (!pages.has(key) && link.image) {
        const message = file.message(
          `Cannot find image \`${target.pathname}\`, shown as \`${link.href}\`${suggestPage(key)}; add the file beside the page, or fix the path`,
          { place: link.place, ruleId: 'missing-image', source }
        )
        // A page without its image is broken: the site is not written.
        message.fatal = true
        continue
      }
      if (!pages.has(key)) {
        file.message(`Cannot find page \`${target.pathname}\`${suggestPage(key)}`, {
          place: link.place,
          ruleId: 'missing-page',
          source
        })
        continue
      }

      const fragment = fragmentOf(target.hash)
      const ids = idsAt(key)
      if (!fragment || fragment.toLowerCase() === 'top' || !ids || ids.has(fragment)) continue

      const suggestions = suggest(fragment, ids).map((id) => `#${id}`)
      const where = samePage ? '' : ` on \`${target.pathname}\``
      const message = file.message(
        `Cannot find heading for \`#${fragment}\`${where}${didYouMean(suggestions)}`,
        { place: link.place, ruleId: 'missing-anchor', source }
      )
      message.actual = `#${fragment}`
      message.expected = suggestions
    }
  }

  return {
    check,
    get complete() {
      return complete
    },
    get spent() {
      return suggestionBudget - budget
    }
  }
}

function defaultToUrl(file: VFile): string {
  let path = (file.path ?? '').replace(/\\/g, '/')
  const cwd = file.cwd.replace(/\\/g, '/').replace(/\/?$/, '/')
  if (path.startsWith(cwd)) path = path.slice(cwd.length)
  const stem = path.replace(/\.[^./]*$/, '').replace(/(^|\/)index$/, '')
  return `/${stem}/`.replace(/\/{2,}/g, '/')
}
