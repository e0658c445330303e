import { createLinkChecker, type LinkChecker } from '@galley/links'
import { archiveUrlOf, byYear } from './archive.js'
import { madeBy } from './collisions.js'
import { compareText, weightOf } from './compare.js'
import { type FeedPaths, feedPaths, feedRoutes, termFeedNames, writeFeeds } from './feeds.js'
import { foldersOf } from './folders.js'
import { linkCandidates } from './link-candidates.js'
import { linkNeighbours } from './neighbours.js'
import { lazyOutput, type OutputFile, toOutputPath } from './output.js'
import { paginate } from './paginate.js'
import { shortPath, unsafePathReason } from './path-safety.js'
import { placeOf } from './place.js'
import { isPublished } from './publish.js'
import { redirectPage } from './redirects.js'
import { gatherSections } from './sections.js'
import { sitemap } from './sitemap.js'
import { resumedIds } from './snapshot.js'
import { source } from './source.js'
import { gatherTerms, taxonomyPatterns, termIndexUrl } from './taxonomies.js'
import { createTracer, type Dirty, fingerprintOf, termShape } from './trace.js'
import type {
  BundleFile,
  ContentCollection,
  ContentFile,
  GalleyConfig,
  Page,
  PostData,
  PostSchema,
  Site
} from './types.js'

/**
 * A site arranged: its entries published, sorted, linked to their
 * neighbours and grouped into terms, its links checked; what `layOut` turns
 * into files.
 */
export interface Arranged {
  pages: Array<Page<PostData>>
  entries: Record<string, Array<Page<PostData>>>
  /** Posts, then the other collections' entries. */
  everything: Array<Page<PostData>>
  site: Site<PostData>
  terms: Array<Site<PostData>['tags'][number]>
  lists: Array<{
    term: Site<PostData>['tags'][number] | undefined
    pages: ReturnType<typeof paginate<Page<PostData>>>
  }>
  redirects: Array<{ from: string; to: string; page: Page<PostData>; index: number }>
  /** The files of published pages' bundles, each with its path in the output folder. */
  bundled: Array<{ file: BundleFile; path: string }>
  /** Every content file with its URL (`linkedFiles` picks those to copy). */
  contentFiles: Array<{ file: ContentFile; url: string }>
  /** Whether to write `robots.txt` (on, there is a sitemap, and no asset is one). */
  robots: boolean
  /** The index page of each taxonomy that has terms and an index URL (`termIndexUrl`). */
  indexes: Array<{ taxonomy: string; url: string }>
  /** The link checker of this site (`undefined` with `links: false`). */
  checker: LinkChecker | undefined
  /** The moment the publishing rules were applied at. */
  now: Date
  /** `toOutputPath`, remembered for the URLs of this site (which `update` keeps). */
  outputPath(url: string): string
}

/**
 * An arrangement made again from a snapshot of a build of the same
 * entries (`Galley.resume`): their neighbours and their links' messages
 * are already on them, so neither is worked out again.
 */
export interface Resumed {
  /** The moment the publishing rules are applied at (the snapshot's entries were checked against it). */
  now: Date
  /** What the snapshot's link checker had spent (`LinkChecker.spent`). */
  spent: number
  /** The entries published at `now`, when already known (else the rules are applied). */
  published?: ReadonlySet<Page<PostData>> | undefined
}

/**
 * Turn rendered entries into a site, first half: apply the publishing
 * rules, sort posts newest first, refuse two entries at one URL, link
 * neighbours, gather the terms of each taxonomy, check links. `layOut`
 * makes the files; `update` changes an arranged site in place and lays it
 * out again.
 *
 * @returns
 *   The arranged site.
 */
export function arrange(
  rendered: ReadonlyArray<Page<PostData>>,
  config: Readonly<GalleyConfig<PostSchema>>,
  url: URL,
  assets: ReadonlyArray<string>,
  resumed?: Readonly<Resumed> | undefined,
  bundles?: ReadonlyArray<BundleFile> | undefined,
  contentFiles?: ReadonlyArray<{ file: ContentFile; url: string }> | undefined,
  failed?: ReadonlySet<string> | undefined
): Arranged {
  const byUrl = new Map<string, Page<PostData>>()
  const pages: Array<Page<PostData>> = []
  const entries: Record<string, Array<Page<PostData>>> = {}
  const now = resumed?.now ?? config.now ?? new Date()

  for (const page of sortNewestFirst(rendered)) {
    const shown = resumed?.published
      ? resumed.published.has(page)
      : isPublished(page.data, config, now)
    if (!shown) continue
    const other = byUrl.get(page.url)
    if (other) {
      const message = page.file.message(
        `Unexpected second entry at \`${page.url}\`, already taken by \`${other.file.path}\`; rename one of the files or change its permalink`,
        { place: { line: 1, column: 1 }, ruleId: 'duplicate-url', source }
      )
      message.fatal = true
      continue
    }
    byUrl.set(page.url, page)
    if (page.collection === 'posts') pages.push(page)
    else {
      const list = entries[page.collection] ?? []
      // own-key: collection names come from the config.
      entries[page.collection] = list
      list.push(page)
    }
  }
  for (const list of Object.values(entries)) list.sort((a, b) => compareText(a.url, b.url))

  const patterns = taxonomyPatterns(config.taxonomies)
  if (!resumed) linkNeighbours(pages, patterns.keys())
  const taxonomies = gatherTerms(pages, patterns)
  const terms = Object.values(taxonomies).flat()
  const paths = feedPaths(config.feed)
  const title = config.title || url.hostname
  const indexes = [...patterns].flatMap(([taxonomy, pattern]) => {
    const at = termIndexUrl(pattern)
    return at !== undefined && (taxonomies[taxonomy]?.length ?? 0) > 0
      ? [{ taxonomy, url: at }]
      : []
  })
  const termIndexes = Object.fromEntries(
    config.layouts?.terms ? indexes.map((index) => [index.taxonomy, index.url]) : []
  )
  const archiveUrl = archiveUrlOf(config, pages.length)
  const site: Site<PostData> = {
    url,
    title,
    description: config.description ?? undefined,
    language: config.language ?? undefined,
    pages,
    tags: taxonomies.tags ?? [],
    taxonomies,
    collections: entries,
    feedUrl: paths?.rss,
    feeds: paths && {
      rss: paths.rss,
      atom: paths.atom,
      json: paths.json,
      term: paths.perTag ? termNames(paths) : undefined
    },
    termIndexes,
    archiveUrl,
    timeZone: config.timeZone ?? undefined
  }
  const everything = [...pages, ...Object.values(entries).flat()]
  const redirects = everything.flatMap((page) =>
    (page.data.aliases ?? []).flatMap((alias, index) =>
      aliasFits(page, alias, index)
        ? [{ from: alias, to: new URL(page.url, url).href, page, index }]
        : []
    )
  )
  // Hugo's sections (`/posts/`), when asked for and laid out by `tag`.
  // Entries written at a URL take it (an `_index.md` with no layout does not).
  const written = [...byUrl.values()].filter(
    (page) =>
      page.collection === 'posts' ||
      typeof (config.collections?.[page.collection] as ContentCollection | undefined)?.layout ===
        'function'
  )
  const taken = new Set([
    '/',
    ...written.map((page) => page.url),
    ...terms.map((term) => term.url),
    ...Object.values(termIndexes),
    ...(archiveUrl ? [archiveUrl] : [])
  ])
  const sections =
    config.sections && config.layouts?.tag
      ? gatherSections(pages, foldersOf(config).contentDir, (at) => taken.has(at))
      : []
  const lists = [
    { term: undefined, pages: paginate(pages, '/', config.paginate) },
    ...[...terms, ...sections].map((term) => ({
      term,
      pages: paginate(term.pages, term.url, config.paginate)
    }))
  ]

  // Each bundle file next to its page, if the page is published: at the
  // page's URL folder, as a relative link from the page resolves it.
  const bundled: Arranged['bundled'] = []
  const bundleRoutes: string[] = []
  if (bundles && bundles.length > 0) {
    const byFile = new Map(everything.map((page) => [String(page.file.path), page]))
    for (const file of bundles) {
      const page = byFile.get(file.owner)
      if (!page) continue
      const name = file.published ?? file.path
      bundled.push({ file, path: `${outputFolder(page.url)}${name}` })
      // As the routes of `public/` files are: the path as written.
      bundleRoutes.push(`${page.url.slice(0, page.url.lastIndexOf('/') + 1)}${name}`)
    }
  }

  // Only for a site whose pages Galley writes (a bundler's or another
  // generator's site has its own `public/`).
  const robots =
    config.robots !== false &&
    config.sitemap !== false &&
    Object.values(config.layouts ?? {}).some((layout) => typeof layout === 'function') &&
    !assets.includes('/robots.txt')
  let checker: LinkChecker | undefined
  if (config.links !== false) {
    const routes = [
      '/404.html',
      ...assets,
      ...bundleRoutes,
      ...lists.flatMap((list) => list.pages.map((p) => p.url)),
      ...Object.values(termIndexes),
      ...(archiveUrl ? [archiveUrl] : []),
      // A link to a content file publishes it: each one is a page to link to.
      ...(contentFiles ?? []).map((item) => item.url)
    ]
    for (const redirect of redirects) routes.push(redirect.from)
    if (config.sitemap !== false) routes.push('/sitemap.xml')
    if (robots) routes.push('/robots.txt')
    if (paths) routes.push(...feedRoutes(paths, terms))
    const urls = new Map(everything.map((page) => [String(page.file.path), page.url]))
    const files = everything.map((page) => page.file)
    checker = createLinkChecker(files, {
      skip: config.links?.skip,
      site: url,
      routes: [...routes, ...(config.links?.routes ?? [])],
      toUrl: (file) => urls.get(String(file.path)) ?? '/',
      spent: resumed?.spent,
      idsOf: resumed ? resumedIds : undefined,
      // A link to a file that failed says so, not that the file is missing.
      failedFile:
        failed && failed.size > 0
          ? (path) =>
              linkCandidates(path, foldersOf(config).contentDir).find((at) => failed.has(at))
          : undefined
    })
    if (!resumed) for (const file of files) checker.check(file)
  }
  const outputPaths = new Map<string, string>()
  const outputPath = (url: string) => {
    let found = outputPaths.get(url)
    if (found === undefined) {
      found = toOutputPath(url)
      outputPaths.set(url, found)
    }
    return found
  }
  return {
    pages,
    entries,
    everything,
    site,
    terms,
    lists,
    redirects,
    bundled,
    contentFiles: [...(contentFiles ?? [])],
    robots,
    indexes,
    checker,
    now,
    outputPath
  }
}

/**
 * Turn an arranged site into files, second half: lay out pages and paginated lists (when
 * their value is read), write redirects for aliases, the feeds and a sitemap.
 *
 * @returns
 *   Files to write.
 */
export function layOut(
  arranged: Readonly<Arranged>,
  config: Readonly<GalleyConfig<PostSchema>>,
  dirty?: Readonly<Dirty> | undefined
): OutputFile[] {
  const { pages, entries, site, terms, lists, redirects } = arranged
  const url = site.url
  const paths = feedPaths(config.feed)

  const files: OutputFile[] = []
  // In the sitemap: every post (its feed links to it), and entries that have a page.
  const listed: Array<Page<PostData>> = [...pages]
  const layouts = config.layouts ?? {}
  const { post, index, tag, notFound, terms: termsLayout, archive } = layouts
  // Layouts see views that record what they read, so the next build can
  // tell which pages would come out the same without laying them out.
  const tracer = createTracer(site, dirty)
  const view = tracer.site as Site<PostData>
  if (post) {
    for (const page of pages) {
      files.push(
        madeBy(
          tracer.output(arranged.outputPath(page.url), `post\u0000${page.file.path}`, () =>
            post(tracer.page(page), view)
          ),
          { label: String(page.file.path), file: page.file }
        )
      )
    }
  }
  for (const [name, list] of Object.entries(entries)) {
    const layout = (config.collections?.[name] as ContentCollection | undefined)?.layout
    if (!layout) continue
    for (const page of list) {
      files.push(
        madeBy(
          tracer.output(
            arranged.outputPath(page.url),
            `entry\u0000${name}\u0000${page.file.path}`,
            () => layout(tracer.page(page), view)
          ),
          { label: String(page.file.path), file: page.file }
        )
      )
    }
    // One by one: 100,000 pages would overflow the call stack as arguments.
    for (const item of list) listed.push(item)
  }
  for (const { term, pages: numbered } of lists) {
    if (term ? !tag : !index) continue
    let termView: typeof term
    // The term's shape (every post it lists) is hashed once for all its pages.
    let shaped: string | undefined
    const shape = () => {
      if (shaped === undefined) shaped = term ? fingerprintOf(termShape(term)) : 'index'
      return shaped
    }
    const viewOf = (given: NonNullable<typeof term>) => {
      if (!termView) termView = tracer.term(given)
      return termView
    }
    for (const pagination of numbered) {
      const label = term
        ? `the page of ${term.taxonomy} \`${term.name}\``
        : pagination.current > 1
          ? `page ${pagination.current} of the home page`
          : 'the home page'
      const base = () =>
        fingerprintOf([
          shape(),
          // The items' paths as one text: hashed without a replacer call each.
          {
            ...pagination,
            items: pagination.items.map((page) => String(page.file.path)).join('\u0000')
          }
        ])
      files.push(
        madeBy(
          tracer.output(arranged.outputPath(pagination.url), base, () => {
            const numberedView = tracer.pagination(pagination)
            return term
              ? (tag as NonNullable<typeof tag>)(viewOf(term), view, numberedView)
              : (index as NonNullable<typeof index>)(view, numberedView)
          }),
          { label }
        )
      )
    }
  }
  if (termsLayout) {
    for (const { taxonomy, url: at } of arranged.indexes) {
      files.push(
        madeBy(
          tracer.output(arranged.outputPath(at), `terms\u0000${taxonomy}`, () =>
            termsLayout({ taxonomy, url: at, terms: view.taxonomies[taxonomy] ?? [] }, view)
          ),
          { label: `the index of ${taxonomy}` }
        )
      )
    }
  }
  const archiveUrl = site.archiveUrl
  if (archive && archiveUrl) {
    files.push(
      madeBy(
        tracer.output(arranged.outputPath(archiveUrl), 'archive', () =>
          archive({ url: archiveUrl, years: byYear(view.pages, config.timeZone) }, view)
        ),
        { label: 'the archive' }
      )
    )
  }
  if (notFound) {
    files.push(
      madeBy(
        tracer.output('404.html', '404', () => notFound(view)),
        { label: 'the 404 page' }
      )
    )
  }
  for (const redirect of redirects) {
    files.push(
      madeBy(redirectPage(redirect.from, redirect.to), {
        label: `the alias \`${redirect.from}\` of ${redirect.page.file.path}`,
        file: redirect.page.file,
        key: ['aliases', redirect.index]
      })
    )
  }
  if (paths) {
    for (const feed of writeFeeds(pages, terms, paths, config.feed || {}, site)) {
      files.push(madeBy(feed, { label: `the feed \`/${feed.path}\`` }))
    }
  }
  if (config.sitemap !== false) {
    // What the sitemap lists: each page's URL path (`''` for the home
    // page) and date; its fingerprint hashes these, without resolving
    // 10,000 URLs.
    const sources = () => {
      const list: Array<[path: string, lastmod: Date | undefined]> = listed.map((page) => [
        page.url,
        page.data.updated ?? page.data.date
      ])
      if (index) list.push(['', pages[0]?.data.date])
      if (tag) {
        for (const { term } of lists) if (term) list.push([term.url, term.pages[0]?.data.date])
      }
      if (termsLayout) for (const { url: at } of arranged.indexes) list.push([at, undefined])
      if (archive && archiveUrl) list.push([archiveUrl, pages[0]?.data.date])
      return list
    }
    const entries = () =>
      sources().map(([where, lastmod]) => ({ url: new URL(where, url).href, lastmod }))
    const inputs = () =>
      fingerprintOf([
        url.href,
        sources().map(([where, lastmod]) => [where, lastmod?.getTime() ?? null])
      ])
    files.push(
      madeBy(
        lazyOutput('sitemap.xml', () => sitemap(entries()), inputs),
        {
          label: 'the sitemap'
        }
      )
    )
  }
  if (arranged.robots) {
    const text = `User-agent: *\nAllow: /\n\nSitemap: ${new URL('sitemap.xml', url).href}\n`
    files.push(madeBy({ path: 'robots.txt', value: text }, { label: 'robots.txt' }))
  }
  return files
}

/**
 * The order of posts everywhere: by `weight` when front matter gives one
 * (lower first, as Hugo orders; posts without one after those with one),
 * then newest first by `date`, then by URL.
 */
export function sortNewestFirst<P extends Page<PostData>>(pages: ReadonlyArray<P>): P[] {
  // Each page's keys read once, not at every comparison.
  const keyed = pages.map((page) => ({
    page,
    weight: weightOf(page.data),
    time: page.data.date?.getTime() ?? 0
  }))
  keyed.sort(
    (a, b) => a.weight - b.weight || b.time - a.time || compareText(a.page.url, b.page.url)
  )
  return keyed.map((item) => item.page)
}

/**
 * The folder of the output folder a page's relative links resolve in:
 * `posts/a/` for `/posts/a/` (written as `posts/a/index.html`), `posts/`
 * for `/posts/a.html`, `''` for `/`.
 */
function outputFolder(url: string): string {
  const written = toOutputPath(url)
  const at = written.lastIndexOf('/')
  return at === -1 ? '' : written.slice(0, at + 1)
}

/** The file names of each term's feeds, by format, for `Site.feeds.term`. */
function termNames(paths: FeedPaths): NonNullable<NonNullable<Site<PostData>['feeds']>['term']> {
  const names = new Map(termFeedNames(paths).map(({ format, name }) => [format, name]))
  return { rss: names.get('rss') ?? 'rss.xml', atom: names.get('atom'), json: names.get('json') }
}

/**
 * Whether an alias names a file inside the site that every disk can hold;
 * if not (`/../../tmp/x/`, its `%2e%2e` form, a NUL, a backslash, a
 * 300-byte name), a `permalink-outside` error at the alias, and no redirect.
 */
function aliasFits(page: Page<PostData>, alias: string, index: number): boolean {
  const output = toOutputPath(alias)
  const reason =
    output === '..' || output.startsWith('../')
      ? 'it resolves outside the output folder'
      : unsafePathReason(alias)
  if (!reason) return true
  const text = `Unexpected alias \`${shortPath(alias)}\`: ${reason}; write a URL path of the site, such as \`/old/post/\``
  if (!page.file.messages.some((message) => message.reason === text)) {
    const message = page.file.message(text, {
      place: placeOf(page.file, ['aliases', index]) ?? { line: 1, column: 1 },
      ruleId: 'permalink-outside',
      source
    })
    message.fatal = true
  }
  return false
}
