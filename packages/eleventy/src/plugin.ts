import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import {
  type Collection,
  contentCollections,
  createFeeds,
  createGalley,
  type EntryData,
  type Galley,
  type GalleyConfig,
  isPublished,
  type Page,
  type PostSchema
} from '@galley/core'
import { loadSite, writeInto } from '@galley/core/node'
import { findFrontmatter } from '@galley/frontmatter'
import { checkLinks } from '@galley/links'
import { createMarkdownProcessor } from '@galley/markdown'
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import { withEleventyKeys } from './schema.js'

/** Configuration: a Galley configuration (`site` required), plus how to report. */
export interface Options extends GalleyConfig {
  /**
   * Called once a build with every file that has messages (default: warnings
   * through Eleventy's logger). Whatever it does, a fatal message fails the
   * build after it returns.
   */
  onMessages?: ((files: VFile[]) => void) | null | undefined
}

/** What the plugin uses of Eleventy's configuration API. */
export interface EleventyConfig {
  setLibrary(name: 'md', library: { render(text: string, data?: unknown): unknown }): void
  on(event: 'eleventy.before' | 'eleventy.after', listener: (event: never) => unknown): void
  addPreprocessor(name: string, extensions: string, callback: (data: unknown) => unknown): void
  logger?:
    | {
        warn(message: string): void
        logWithOptions?(options: {
          message: string
          type?: string
          color?: string
          force?: boolean
        }): void
      }
    | undefined
}

interface Rendered {
  file: VFile
  page: Page<unknown> | undefined
}

interface Directories {
  input: string
  output: string
  includes?: string | undefined
  layouts?: string | undefined
  data?: string | undefined
}

interface Result {
  inputPath: string
  url: string | false
  outputPath: string | false
}

/**
 * The Galley plugin for Eleventy 3: `eleventyConfig.addPlugin(galley, { site })`.
 *
 * Markdown renders through Galley's pipeline (`setLibrary('md')`), each page's
 * front matter validated by the schema of its collection (posts by default,
 * or the first of `collections` whose glob takes it, relative to Eleventy's
 * input folder), with messages at the page's real line and column. After the
 * build, links are checked across every page Eleventy wrote (its URLs), the
 * RSS, Atom and JSON feeds of the posts are written into the output folder,
 * and every message of every page is reported at once; a fatal one (invalid
 * front matter) fails the build; broken links are warnings.
 *
 * @param eleventyConfig
 *   Eleventy's configuration API.
 * @param options
 *   Configuration.
 */
export function galleyPlugin(eleventyConfig: EleventyConfig, options: Readonly<Options>): void {
  if (!options?.site) {
    throw new TypeError(
      'Expected `site` (the absolute URL of the site) in the Galley plugin options'
    )
  }
  let input = '.'
  const config = eleventyAware(options, (link) => {
    // Eleventy's default permalink of a linked `.md` file (`posts/a.md` →
    // `/posts/a/`); the link check after the build tells when it differs.
    const inside = path.relative(path.resolve(cwd, input), link)
    if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined
    const bare = inside
      .replace(/\\/g, '/')
      .replace(/\.md$/, '')
      .replace(/(^|\/)index$/, '')
    return bare ? `/${bare}/` : '/'
  })
  const started = new Date()
  let galley: Galley<unknown> | undefined
  let cwd = process.cwd()
  const rendered = new Map<string, Rendered>()
  const plain = createMarkdownProcessor({ ...options.markdown, frontmatter: false })

  // Every Markdown file is validated and rendered before Eleventy reads its
  // data: Eleventy stops at the first bad `date` it meets, Galley reports
  // every bad page at once, at the value.
  eleventyConfig.on('eleventy.before', async (event: { directories: Directories }) => {
    cwd = process.cwd()
    rendered.clear()
    const { directories } = event
    input = directories.input
    const contentDir = path.relative(cwd, path.resolve(directories.input)) || '.'
    galley = createGalley({ ...config, contentDir, links: false, feed: false }) as Galley<unknown>
    // Layouts, includes and data are not pages.
    const skip = [directories.includes, directories.layouts, directories.data]
      .filter((dir): dir is string => typeof dir === 'string')
      .map((dir) => `!${path.relative(path.resolve(directories.input), path.resolve(dir))}/**`)
    // Eleventy copies the files; Galley reads the images' sizes (kept in
    // the cache folder `galley build` uses).
    const { files: found, images } = await loadSite(
      { ...config, contentDir },
      {
        cwd,
        assets: false,
        patterns: ['**/*.md', ...skip],
        imageCache: path.join(cwd, '.cache', 'galley', 'images')
      }
    )
    for (const file of found) {
      if (!galley.collectionOf(file.path)) continue
      const page = await galley.processFile(file, { images: images?.images })
      rendered.set(file.path, { file, page: page as Page<unknown> | undefined })
    }
    const files = [...rendered.values()].map(({ file }) => file)
    const fatal = files.filter((file) => file.messages.some((message) => message.fatal))
    if (fatal.length > 0) {
      report(files)
      throw failure(fatal)
    }
  })

  // Galley's publishing rules: drafts, scheduled and expired posts are not
  // written (unless `drafts`, `future`, `expired`), as `galley build` does.
  eleventyConfig.addPreprocessor('galley-publishing', 'md', (data: unknown) => {
    const inputPath = (data as { page?: { inputPath?: string } }).page?.inputPath
    const page = inputPath
      ? rendered.get(path.relative(cwd, path.resolve(cwd, inputPath)))?.page
      : undefined
    if (
      page &&
      !isPublished(page.data as EntryData, config as GalleyConfig, config.now ?? started)
    ) {
      return false
    }
    return undefined
  })

  /** Warnings about content show even with `--quiet`, as Eleventy's errors do. */
  const warn = (text: string) => {
    const logger = eleventyConfig.logger
    if (logger?.logWithOptions) {
      logger.logWithOptions({ message: text, type: 'warn', color: 'yellow', force: true })
    } else logger?.warn(text)
  }

  /** Give the files with messages to `onMessages`, else warn through Eleventy's logger. */
  const report = (files: ReadonlyArray<VFile>) => {
    const noisy = files.filter((file) => file.messages.length > 0)
    if (options.onMessages) options.onMessages(noisy)
    else if (noisy.length > 0) warn(reporter(noisy, { quiet: true, color: false }))
  }

  eleventyConfig.setLibrary('md', {
    async render(text: string, data?: unknown) {
      const inputPath = (data as { page?: { inputPath?: string } } | undefined)?.page?.inputPath
      if (!galley)
        galley = createGalley({ ...config, links: false, feed: false }) as Galley<unknown>
      if (!inputPath) {
        // Markdown rendered outside a page (a `renderTemplate` call): no checks.
        const page = await galley.processFile(new VFile({ value: text }))
        return page?.html ?? ''
      }
      const relative = path.relative(cwd, path.resolve(cwd, inputPath))
      // A file of no collection (a readme, when `collections.posts` has a
      // glob): rendered, not validated.
      if (!galley.collectionOf(relative)) return (await plain.render(text)).html
      const known = rendered.get(relative)
      const original = known
        ? String(known.file.value)
        : await readFile(path.resolve(cwd, relative), 'utf8').catch(() => undefined)
      const value = source(original, text)
      // Rendered before the build, unless a template language changed the body.
      if (known && known.file.value === value) return known.page?.html ?? ''
      const file = new VFile({ cwd, path: relative, value })
      const page = await galley.processFile(file)
      rendered.set(relative, { file, page: page as Page<unknown> | undefined })
      return page?.html ?? ''
    }
  })

  eleventyConfig.on(
    'eleventy.after',
    async (event: { directories: { output: string }; results?: Result[] }) => {
      const results = event.results ?? []
      const urls = new Map<string, string>()
      for (const result of results) {
        if (result.url)
          urls.set(path.relative(cwd, path.resolve(cwd, result.inputPath)), result.url)
      }
      const pages = [...rendered.values()].flatMap(({ page }) => {
        const url = page ? urls.get(page.file.path) : undefined
        return page && url ? [{ ...page, url }] : []
      })
      const feeds = createFeeds(
        pages.filter((page) => page.collection === 'posts') as never,
        options as GalleyConfig
      )
      if (options.links !== false) {
        // Files Eleventy copied (passthrough copies: images, downloads) are
        // targets too: they are in the output folder, not in `results`.
        const copied = await filesIn(path.resolve(cwd, event.directories.output))
        checkLinks(
          pages.map((page) => page.file),
          {
            skip: options.links?.skip,
            site: new URL(options.site),
            routes: [
              ...results.flatMap((result) => (result.url ? [result.url] : [])),
              ...feeds.map((feed) => `/${feed.path}`),
              ...copied,
              ...(options.links?.routes ?? [])
            ],
            toUrl: (file) => urls.get(file.path) ?? '/'
          }
        )
      }
      const files = [...rendered.values()].map(({ file }) => file)
      report(files)
      const fatal = files.filter((file) => file.messages.some((message) => message.fatal))
      if (fatal.length > 0) throw failure(fatal)
      if (feeds.length > 0) await writeInto(path.resolve(cwd, event.directories.output), feeds)
    }
  )
}

/** The URL paths of every file in `folder` (`/img/photo.png`), none when it is missing. */
async function filesIn(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true })
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const relative = path.relative(folder, path.join(entry.parentPath, entry.name))
        return `/${relative.split(path.sep).join('/')}`
      })
  } catch {
    return []
  }
}

/**
 * The error that fails the build: the pages with errors and where their
 * first errors are (the messages themselves were reported already, through
 * Eleventy's logger or `onMessages`). Eleventy prints a thrown error twice,
 * each with its stack; `skipOriginalStack` (Eleventy's own flag for errors
 * about content) leaves the stack out.
 */
function failure(fatal: ReadonlyArray<VFile>): Error {
  const places = fatal.map((file) => {
    const first = file.messages.find((message) => message.fatal)
    return `${file.path}:${first?.line ?? 1}:${first?.column ?? 1}`
  })
  const shown = places.length > 3 ? [...places.slice(0, 3), `${places.length - 3} more`] : places
  const list = shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}` : shown[0]
  return new ContentError(
    `Galley found errors in ${fatal.length} ${fatal.length === 1 ? 'page' : 'pages'}; fix ${list}`
  )
}

/** An error in the content, not in code: Eleventy shows it without its stack. */
class ContentError extends Error {
  readonly skipOriginalStack = true
}

/**
 * The text to render: the file as it is on disk (so messages point at its
 * real lines and columns), unless a template language changed the body
 * Eleventy gives; then that body, after the file's own front matter.
 */
function source(original: string | undefined, body: string): string {
  if (original === undefined) return body
  const block = findFrontmatter(original)
  const head = block ? original.slice(0, block.end) : ''
  const rest = original.slice(head.length).replace(/^\r?\n/, '')
  if (rest.trim() === body.trim()) return original
  return head ? `${head}\n${body}` : body
}

/**
 * The options with every schema taking Eleventy's own keys (`layout`,
 * `permalink`, …) out before validating.
 */
function eleventyAware(
  options: Readonly<Options>,
  resolveLink: (path: string) => string | undefined
): Options {
  // Each content collection's schema as `createGalley` would choose it.
  const schemas = new Map(
    contentCollections(options).map(({ name, schema }) => [name, withEleventyKeys(schema)])
  )
  const collections: Record<string, Collection> = {}
  for (const [name, collection] of Object.entries(options.collections ?? {})) {
    // own-key: collection names come from the config.
    collections[name] =
      collection.type === 'data' ? collection : { ...collection, schema: schemas.get(name) }
  }
  const markdown = options.markdown ?? {}
  return {
    ...options,
    markdown: {
      ...markdown,
      resolveLink: (link, file) => markdown.resolveLink?.(link, file) ?? resolveLink(link)
    },
    schema: schemas.get('posts') as PostSchema | undefined,
    collections
  }
}
