import { type blogSchema, createBlogSchema, validateFrontmatter } from '@galley/frontmatter'
import { checkExternalLinks, rehypeGalleyLinks, remarkGalleyDefinitions } from '@galley/links'
import { createMarkdownProcessor } from '@galley/markdown'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { VFile } from 'vfile'
import { fingerprint, fromCached, hash, schemaFingerprint, toCached } from './cache.js'
import type { GalleyConfig, PostData, PostSchema } from './config.js'
import type { OutputFile } from './output.js'
import type { Page } from './page.js'
import { slugOf, toPermalink } from './permalink.js'
import { checkReferences, type DataEntry } from './references.js'
import { assemble } from './site.js'
import { source } from './source.js'

/** What a build gives: pages, files to write, and every file with its messages. */
export interface BuildResult<D> {
  /** Published posts, newest first. */
  pages: Array<Page<D>>
  /** Files to write into the output folder (pages when there are layouts, and the feed). */
  outputs: OutputFile[]
  /** Every input file, carrying its messages. */
  files: VFile[]
  /** Whether no file has a fatal message (then, and only then, the site may be written). */
  ok: boolean
}

/** Extra input of a build. */
export interface BuildOptions {
  /**
   * Files copied into the site as they are, such as the contents of
   * `public/` (`{ path: 'images/logo.png', value: bytes }`): links to them
   * count as links to existing pages (default: none).
   */
  assets?: Iterable<OutputFile> | null | undefined
  /** Data collections that `references` point into, by name (default: none). */
  data?: Readonly<Record<string, ReadonlyArray<DataEntry>>> | null | undefined
  /** Called after each post is rendered (or read from the cache), for progress output. */
  onProgress?:
    | ((progress: { done: number; total: number; path: string }) => void)
    | null
    | undefined
}

/** A configured pipeline. */
export interface Galley<D> {
  /**
   * Validate and render one post. Content problems never throw: they are
   * messages on `file`, and the result is `undefined` when one is fatal.
   */
  processFile(file: VFile): Promise<Page<D> | undefined>
  /** Process every post, check links across them, and assemble pages and the feed. */
  build(files: Iterable<VFile>, options?: Readonly<BuildOptions> | null): Promise<BuildResult<D>>
}

/**
 * Compose Galley's packages into one pipeline. It does no file or console
 * I/O, so any host can embed it; `@galley/core/node` reads and writes files.
 *
 * @param config
 *   Configuration.
 * @returns
 *   Pipeline.
 */
export function createGalley<S extends PostSchema = typeof blogSchema>(
  config: Readonly<GalleyConfig<S>>
): Galley<StandardSchemaV1.InferOutput<S>> {
  type D = StandardSchemaV1.InferOutput<S>
  const site = toSite(config.site)
  const permalink = config.permalink ?? '/posts/:slug/'
  const markdown = config.markdown || {}
  const schema = config.schema || createBlogSchema({ timeZone: config.timeZone })
  // Filled by `build` before rendering: links to other posts' `.md` files
  // become their final URLs.
  const routes = new Map<string, string>()
  const renderer = createMarkdownProcessor({
    ...markdown,
    frontmatter: { schema, unknownKeys: config.unknownKeys },
    resolveLink: (path, file) => routes.get(path) ?? markdown.resolveLink?.(path, file),
    remarkPlugins: [...(markdown.remarkPlugins || []), remarkGalleyDefinitions],
    rehypePlugins: [...(markdown.rehypePlugins || []), rehypeGalleyLinks]
  })

  const urlOf = (file: VFile, data: D & PostData) => {
    const slug = data.slug || slugOf(file.path ?? 'index.md')
    return {
      slug,
      url: toPermalink(permalink, {
        slug,
        data,
        path: (file.path ?? '').replace(/\\/g, '/'),
        timeZone: config.timeZone ?? undefined
      })
    }
  }

  // What every render depends on besides its file; `build` adds the routes.
  const base = fingerprint({
    cache: 1,
    markdown,
    schema: schemaFingerprint(schema),
    timeZone: config.timeZone,
    unknownKeys: config.unknownKeys
  })
  let fingerprinted = base

  async function render(file: VFile) {
    const cache = config.cache
    if (!cache) return renderer.render(file)
    const key = hash(`${fingerprinted}\u0000${file.path ?? ''}\u0000${String(file.value ?? '')}`)
    const cached = await cache.get(key)
    if (cached) {
      fromCached(file, cached)
      return cached
    }
    const result = await renderer.render(file)
    await cache.set(key, toCached(file, result))
    return result
  }

  async function processFile(file: VFile): Promise<Page<D> | undefined> {
    const result = await render(file)
    if (file.messages.some((message) => message.fatal)) return undefined
    const data = file.data.galleyFrontmatter as D & PostData
    let where: { slug: string; url: string }
    try {
      where = urlOf(file, data)
    } catch (error) {
      const message = file.message(`${(error as Error).message}; fix the permalink or the slug`, {
        place: { line: 1, column: 1 },
        ruleId: 'permalink-outside',
        source
      })
      message.fatal = true
      return undefined
    }
    return {
      file,
      ...where,
      data,
      html: result.html,
      headings: result.headings,
      excerpt: result.excerpt,
      stats: result.stats,
      toc: result.toc
    }
  }

  return {
    processFile,
    async build(input, options) {
      const assets = [...(options?.assets ?? [])]
      const files = [...input]
      routes.clear()
      for (const file of files) {
        // Front matter alone (on a copy, messages come later) tells each post's URL.
        const copy = new VFile({ path: file.path, value: file.value })
        const data = await validateFrontmatter(copy, schema, { unknownKeys: 'ignore' })
        if (!data || !file.path) continue
        try {
          routes.set(file.path.replace(/\\/g, '/'), urlOf(copy, data as D & PostData).url)
        } catch {
          // A permalink outside the site is reported when the file is processed.
        }
      }
      // Hashed once per build: the route map of a big site is long.
      fingerprinted = hash(`${base}\u0000${fingerprint([...routes].sort())}`)
      const pages: Array<Page<D>> = []
      for (const [index, file] of files.entries()) {
        const page = await processFile(file)
        if (page) pages.push(page)
        options?.onProgress?.({ done: index + 1, total: files.length, path: file.path ?? '' })
      }
      const checked = config.references
        ? checkReferences(pages, config.references, options?.data ?? {})
        : pages
      // `InferOutput<S>` extends `PostData` because `S` does; TypeScript cannot see it in generics.
      const outputs = assemble(
        checked as unknown as Array<Page<PostData>>,
        config as unknown as GalleyConfig<PostSchema>,
        site,
        assets.map((asset) => `/${asset.path}`)
      )
      const external = config.links ? config.links.external : undefined
      if (external) {
        const report = await checkExternalLinks(
          outputs.pages.map((page) => page.file),
          { ...(external === true ? {} : external), site }
        )
        files.push(...report.files)
      }
      const ok = files.every((file) => !file.messages.some((message) => message.fatal))
      return {
        pages: outputs.pages as unknown as Array<Page<D>>,
        outputs: [...assets, ...outputs.files],
        files,
        ok
      }
    }
  }
}

function toSite(value: string | URL): URL {
  try {
    return new URL(value)
  } catch {
    throw new TypeError(`Expected \`site\` to be an absolute URL, not \`${String(value)}\``)
  }
}
