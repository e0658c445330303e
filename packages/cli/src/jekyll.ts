import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { GalleyConfig, PermalinkContext } from '@galley/core'
import { createBlogSchema, fields, parseData, schemaFromFields } from '@galley/frontmatter'
import { VFile } from 'vfile'
import { knownZone } from './hugo.js'

/** What a Jekyll site's `_config.yml` says, as `galley build` reads it. */
export interface JekyllSite {
  /** Site settings: `site`, `title`, `description`, `language`, `timeZone`, `paginate`. */
  settings: Partial<GalleyConfig>
  /** The posts' permalink pattern (Jekyll's `permalink`, a style or a pattern). */
  permalink: string
  /** Whether pages' URLs are folders (`pretty`) rather than `.html` files. */
  pretty: boolean
  /** Jekyll's `exclude`: paths (globs) that are not part of the site. */
  exclude: string[]
}

/** Jekyll's permalink styles. */
const styles: Readonly<Record<string, string>> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext'
}

/**
 * Read a Jekyll site's `_config.yml` (or `_config.yaml`) in `cwd`:
 * `title`, `description`, `url` and `baseurl` (the site's address, when
 * `url` is an absolute `http(s)` URL), `lang`, `timezone`, `paginate`,
 * `permalink` and `exclude`. A value of the wrong type is left out
 * (Galley's default stays); no such file gives `undefined`.
 *
 * @param cwd
 *   Folder of the site.
 * @returns
 *   The site, or `undefined` when it is not a Jekyll site.
 */
export function jekyllSite(cwd: string): JekyllSite | undefined {
  for (const name of ['_config.yml', '_config.yaml']) {
    let text: string
    try {
      text = readFileSync(path.join(cwd, name), 'utf8')
    } catch {
      continue
    }
    const data = parseData(new VFile({ path: name, value: text }), 'yaml')
    const own = (key: string) => (Object.hasOwn(data, key) ? data[key] : undefined)
    const settings: Partial<GalleyConfig> = {}
    const url = own('url')
    if (typeof url === 'string' && /^https?:\/\//i.test(url) && URL.canParse(url)) {
      const base = own('baseurl')
      const folder = typeof base === 'string' ? base.replace(/^\/*|\/*$/g, '') : ''
      settings.site = `${url.replace(/\/+$/, '')}/${folder ? `${folder}/` : ''}`
    }
    for (const [key, field] of [
      ['title', 'title'],
      ['description', 'description'],
      ['lang', 'language']
    ] as const) {
      const value = own(key)
      // own-key: `field` is a fixed setting name.
      if (typeof value === 'string' && value.trim() !== '') settings[field] = value.trim()
    }
    const zone = own('timezone')
    if (typeof zone === 'string' && knownZone(zone)) settings.timeZone = zone
    const paginate = own('paginate')
    if (typeof paginate === 'number' && Number.isInteger(paginate) && paginate > 0) {
      settings.paginate = paginate
    }
    const given = own('permalink')
    const style = typeof given === 'string' && given.trim() !== '' ? given.trim() : 'date'
    const exclude = own('exclude')
    return {
      settings,
      permalink: Object.hasOwn(styles, style) ? (styles[style] as string) : style,
      pretty: style === 'pretty' || (!Object.hasOwn(styles, style) && style.endsWith('/')),
      exclude: Array.isArray(exclude)
        ? exclude.filter((item): item is string => typeof item === 'string')
        : []
    }
  }
  return undefined
}

/** Files at the top of a repository that are not pages of its site. */
const notPages = ['README', 'LICENSE', 'CHANGELOG', 'CONTRIBUTING', 'CODE_OF_CONDUCT', 'SECURITY']

/**
 * The configuration of a Jekyll site with no Galley config: `_posts` are
 * the posts (date and slug from their names, Jekyll's front matter read
 * by `createBlogSchema({ jekyll: true })`), at Jekyll's permalinks (the
 * site's style, `date` by default: `/jekyll/update/2018/04/23/welcome.html`,
 * or a post's own `permalink`); other Markdown files outside `_` folders
 * are pages, at their `permalink` or their path (`about.md` →
 * `/about.html`, `/about/` with the `pretty` style); `index.md` at the top
 * is the home page's introduction. Other files outside `_` folders
 * (`assets/`, `images/`) are copied as they are, save HTML, XML and Sass
 * (Liquid templates in a Jekyll site). `tags` and `categories` are the
 * taxonomies. `_drafts`, `_site`, `vendor`, `node_modules`, the
 * repository's README and license, and `exclude` are left out.
 *
 * @param contentDir
 *   The site's folder, relative to the working folder.
 * @param site
 *   What `_config.yml` says.
 * @returns
 *   Configuration.
 */
export function jekyllConfig(contentDir: string, site: JekyllSite): GalleyConfig {
  const root = path.posix.normalize(contentDir.replace(/\\/g, '/')).replace(/\/$/, '')
  const relative = (file: string) => (root === '.' ? file : path.posix.relative(root, file))
  const timeZone = site.settings.timeZone ?? undefined
  const markdown = '{md,markdown}'
  const left = [
    '!_*/**',
    '!**/_*/**',
    '!vendor/**',
    '!node_modules/**',
    ...notPages.map((name) => `!${name}.${markdown}`),
    ...site.exclude.map((item) => `!${item.replace(/\/$/, '/**')}`)
  ]
  const posts = ({ data, slug, path: file }: PermalinkContext) => {
    const own = (data as { url?: unknown }).url
    const pattern = typeof own === 'string' && own.startsWith('/') ? own : site.permalink
    const folders = path.posix.dirname(relative(file)).split('/')
    // Folders above `_posts` are categories too, as Jekyll reads them.
    const above = folders.slice(0, folders.indexOf('_posts')).filter((name) => name !== '.')
    const categories = [...above, ...((data as { categories?: string[] }).categories ?? [])]
    return fill(pattern, {
      date: (data as { date?: Date }).date,
      timeZone,
      title: slug,
      categories,
      path: relative(file)
    })
  }
  const pages = ({ data, path: file }: PermalinkContext) => {
    const { url, permalink } = data as { url?: unknown; permalink?: unknown }
    const own = permalink ?? url
    const at = relative(file).replace(/\.[^./]+$/, '')
    if (typeof own === 'string' && own.startsWith('/')) {
      return fill(own, { date: (data as { date?: Date }).date, timeZone, title: at, path: at })
    }
    if (at === 'index' || at.endsWith('/index')) return `/${at.slice(0, -'index'.length)}`
    return site.pretty ? `/${at}/` : `/${at}.html`
  }
  return {
    site: 'http://localhost:4321/',
    ...site.settings,
    contentDir,
    // Jekyll copies every other file of the site as it is (`assets/`,
    // `images/`); pages and templates (`.html`, `.xml`, Sass: Liquid with
    // front matter, most of them) are not copied.
    publicDir: contentDir,
    publicExclude: [
      '_*',
      '**/_*',
      '_*/**',
      '**/_*/**',
      `**/*.${markdown}`,
      '**/*.{html,htm,xml,scss,sass,liquid}',
      '**/#*',
      '**/*~',
      'Gemfile',
      'Gemfile.lock',
      '*.gemspec',
      'gemfiles/**',
      'vendor/**',
      'galley.config.*',
      ...site.exclude.map((item) => item.replace(/\/$/, '/**'))
    ],
    taxonomies: { tags: {}, categories: {} },
    collections: {
      posts: {
        glob: [`_posts/**/*.${markdown}`, `**/_posts/**/*.${markdown}`],
        schema: createBlogSchema({ timeZone, jekyll: true }),
        permalink: posts
      },
      // The home page's introduction: no page of its own.
      sections: { glob: `index.${markdown}`, schema: introSchema, layout: null },
      pages: {
        glob: [`**/*.${markdown}`, `!index.${markdown}`, ...left],
        schema: pageSchema(timeZone),
        permalink: pages
      }
    }
  }
}

/** A Jekyll page's front matter: a title, and the keys pages have. */
function pageSchema(timeZone: string | undefined) {
  return schemaFromFields({
    title: fields.title(),
    description: fields.text(),
    date: fields.optionalDate({ timeZone }),
    updated: fields.optionalDate({ timeZone }),
    last_modified_at: fields.optionalDate({ timeZone }),
    draft: fields.draft(),
    published: fields.flag(),
    slug: fields.slug(),
    aliases: fields.aliases(),
    redirect_from: fields.aliases(),
    url: fields.path(),
    permalink: fields.path(),
    layout: fields.ignored(),
    sitemap: fields.ignored()
  })
}

/** `index.md` of the home page: anything Jekyll's themes put there, a title if any. */
const introSchema = schemaFromFields({
  title: fields.text(),
  description: fields.text(),
  layout: fields.ignored(),
  permalink: fields.ignored(),
  list_title: fields.ignored()
})

/** One formatter per time zone: making one costs more than using it. */
const clocks = new Map<string, Intl.DateTimeFormat>()

function clockOf(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone)
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
      hourCycle: 'h23'
    })
    clocks.set(timeZone, clock)
  }
  return clock
}

interface Fill {
  date: Date | undefined
  timeZone: string | undefined
  title: string
  categories?: ReadonlyArray<string>
  path: string
}

/**
 * Fill a Jekyll permalink pattern: `:year`, `:month`, `:day`, `:i_month`,
 * `:i_day`, `:short_year`, `:y_day`, `:week`, `:short_day`, `:hour`,
 * `:minute`, `:second` (in `timeZone`), `:title` and `:slug`, `:name`,
 * `:categories` (lowercase, joined by `/`; none leaves no empty folder),
 * `:path`, `:basename` and `:output_ext` (`.html`).
 */
function fill(pattern: string, values: Fill): string {
  const date = values.date ?? new Date(0)
  const parts = clockOf(values.timeZone ?? 'UTC').formatToParts(date)
  const part = (type: string) => parts.find((item) => item.type === type)?.value ?? ''
  const year = part('year')
  const start = Date.UTC(Number(year), 0, 1)
  const local = Date.UTC(Number(year), Number(part('month')) - 1, Number(part('day')))
  const yearDay = Math.floor((local - start) / 86_400_000) + 1
  const segment = (value: string) => encodeURIComponent(value)
  const tokens: Record<string, string> = {
    year,
    month: part('month'),
    day: part('day'),
    i_month: String(Number(part('month'))),
    i_day: String(Number(part('day'))),
    short_year: year.slice(-2),
    y_day: String(yearDay).padStart(3, '0'),
    week: String(Math.ceil(yearDay / 7)).padStart(2, '0'),
    short_day: part('weekday'),
    hour: part('hour'),
    minute: part('minute'),
    second: part('second'),
    title: segment(values.title),
    slug: segment(values.title.toLowerCase()),
    name: segment(values.title),
    categories: [...new Set((values.categories ?? []).map((name) => name.toLowerCase()))]
      .map(segment)
      .join('/'),
    path: values.path.split('/').map(segment).join('/'),
    basename: segment(path.posix.basename(values.path)),
    output_ext: '.html'
  }
  const filled = pattern.replace(/:([a-z_]+)/g, (match, name: string) =>
    Object.hasOwn(tokens, name) ? (tokens[name] as string) : match
  )
  // `:categories` with none, as Jekyll, leaves no empty folder.
  return filled.replace(/\/{2,}/g, '/')
}
