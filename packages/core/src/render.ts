import { markValidated, type ValidateOptions, validateFrontmatter } from '@galley/frontmatter'
import { rehypeGalleyImages, resolveImages } from '@galley/images'
import { rehypeGalleyLinks, remarkGalleyDefinitions } from '@galley/links'
import {
  createMarkdownProcessor,
  type Options as MarkdownOptions,
  type MarkdownRenderer
} from '@galley/markdown'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { VFile } from 'vfile'
import {
  decodeData,
  encodeData,
  fingerprint,
  hash,
  noteRoute,
  schemaFingerprint,
  toCached
} from './cache.js'
import { collectionMatcher } from './collections.js'
import { fallbacksKey, loadedDigest } from './digest.js'
import { foldersOf } from './folders.js'
import { imageKey, imageOf, imageRoute } from './images.js'
import { linkCandidates } from './link-candidates.js'
import { contentCollections } from './resolve.js'
import { filesKey, remarkGalleyResolveFiles, writtenUrl } from './resolve-files.js'
import type {
  CachedRender,
  ContentCollection,
  GalleyConfig,
  PermalinkContext,
  PostData,
  PostSchema
} from './types.js'

/** How one content collection is validated, rendered and published. */
export interface Kind {
  name: string
  schema: StandardSchemaV1
  permalink: string | ((entry: PermalinkContext) => string)
  /** What every render of this collection depends on besides its file and the routes it looks up. */
  fingerprint: string
  collection: ContentCollection | undefined
}

/** The content collections of a config, and which one a file belongs to. */
export interface Kinds {
  /** The collection of a file path, or `undefined` when no collection takes it. */
  of(path: string): Kind | undefined
  get(name: string): Kind | undefined
}

/**
 * Read the content collections of a config: `posts` (from the top-level
 * `schema` and `permalink`, or `collections.posts`) and every other content
 * collection.
 */
export function kindsOf(config: Readonly<GalleyConfig<PostSchema>>): Kinds {
  const resolved = contentCollections(config)
  const match = collectionMatcher({ ...config.collections }, foldersOf(config).contentDir)
  const explicitPosts = config.collections?.posts !== undefined
  const shared = {
    cache: 3,
    markdown: config.markdown || {},
    images: config.images ?? {},
    timeZone: config.timeZone,
    unknownKeys: config.unknownKeys,
    fileNameDates: config.fileNameDates ?? 'jekyll'
  }
  const kinds = new Map<string, Kind>()
  for (const { name, schema, permalink, collection } of resolved) {
    kinds.set(name, {
      name,
      schema,
      permalink,
      // Hashed once here, not with every file: a schema's part can be large.
      // The permalink counts: a stored render carries its file's URL.
      fingerprint: hash(
        fingerprint({
          ...shared,
          ...(name === 'posts' ? {} : { name }),
          permalink,
          schema: schemaFingerprint(schema)
        })
      ),
      collection
    })
  }
  return {
    of(path) {
      // Without `collections.posts`, the posts are the files no other glob takes.
      const name = match(path) ?? (explicitPosts ? undefined : 'posts')
      return name === undefined ? undefined : kinds.get(name)
    },
    get: (name) => kinds.get(name)
  }
}

/** The routes each file is rendered with (its build's), for `resolveLink`. */
const routesOf = new WeakMap<VFile, ReadonlyMap<string, string>>()

/**
 * The Markdown processors of a config, one per content collection, built on
 * first use. Links to other entries' `.md` files become their URLs through
 * the `routes` a file is rendered with (its build's own: renders of two
 * builds at once never mix).
 *
 * @returns
 *   Function rendering a file of a collection.
 */
export function createRenderers(
  config: Readonly<GalleyConfig<PostSchema>>
): (
  file: VFile,
  kind: Kind,
  routes: ReadonlyMap<string, string>
) => ReturnType<MarkdownRenderer['render']> {
  const markdown = config.markdown || {}
  const images = resolveImages(config.images)
  const contentDir = foldersOf(config).contentDir
  const processors = new Map<string, MarkdownRenderer>()
  return (file, kind, routes) => {
    let processor = processors.get(kind.name)
    if (!processor) {
      processor = createMarkdownProcessor({
        ...markdown,
        frontmatter: { schema: kind.schema, ...validationOf(config) },
        resolveLink: (path, from) => {
          const routes = routesOf.get(from)
          for (const candidate of linkCandidates(path, contentDir)) {
            const url = routes?.get(candidate)
            // The render depends on these routes only (found or not): see `routesHold`.
            noteRoute(from, candidate, url)
            if (url !== undefined) return url
          }
          return markdown.resolveLink?.(path, from)
        },
        remarkPlugins: [
          [
            remarkGalleyResolveFiles,
            (path: string, from: VFile) => {
              const url = routesOf.get(from)?.get(path)
              noteRoute(from, path, url)
              return url
            },
            (from: VFile) => {
              // With no content files, the render depends on there being none.
              const active = routesOf.get(from)?.has(filesKey) === true
              noteRoute(from, filesKey, active ? '1' : undefined)
              return active
            }
          ],
          ...(markdown.remarkPlugins || []),
          remarkGalleyDefinitions
        ],
        rehypePlugins: [
          ...(markdown.rehypePlugins || []),
          ...(images
            ? [
                [
                  rehypeGalleyImages,
                  {
                    ...images,
                    sizes: images.responsive?.sizes,
                    shown: (src: string, from: VFile) => writtenUrl(from, src),
                    lookup: (src: string, from: VFile) => {
                      const key = imageKey(src, from)
                      if (key === undefined) return undefined
                      const value = routesOf.get(from)?.get(imageRoute(key))
                      // The render depends on the image's size and variants, or their absence.
                      noteRoute(from, imageRoute(key), value)
                      return value === undefined ? undefined : imageOf(value)
                    }
                  }
                ] satisfies NonNullable<MarkdownOptions['rehypePlugins']>[number]
              ]
            : []),
          rehypeGalleyLinks
        ]
      })
      processors.set(kind.name, processor)
    }
    routesOf.set(file, routes)
    return processor.render(file)
  }
}

/** A file to render elsewhere, such as in a worker thread. */
export interface RenderInput {
  path: string
  value: string
  /**
   * Its front matter as the thread that sends it validated it:
   * `file.data.matter` and `file.data.galleyFrontmatter` as JSON with dates
   * marked (`encodeData`). Then the render validates nothing, and its
   * messages are the render's only (the validation's are that thread's);
   * without it, the render validates the file itself (optional).
   */
  data?: string | undefined
}

/**
 * A function rendering a file into JSON-safe data, for worker threads: a
 * worker builds it once from the site's config and the build's routes, and
 * `BuildOptions.pool` sends it files. The result is what the content cache
 * stores, so a pooled build equals a single-threaded one.
 *
 * @param config
 *   Configuration (as the main thread has it).
 * @param routes
 *   `[path of a .md file, URL]` pairs of the build.
 * @returns
 *   Render function.
 */
export function createRenderFunction(
  config: Readonly<GalleyConfig<PostSchema>>,
  routes: Iterable<readonly [string, string]>
): (input: RenderInput) => Promise<CachedRender> {
  const kinds = kindsOf(config)
  const render = createRenderers(config)
  const known = new Map(routes)
  return async (input) => {
    const file = new VFile({ path: input.path, value: input.value })
    const kind = (kinds.of(input.path) ?? kinds.get('posts')) as Kind
    if (input.data !== undefined) takeValidated(file, kind, input.data, config)
    const result = await render(file, kind, known)
    return toCached(file, result)
  }
}

/**
 * Validate the front matter of a file of `kind` as its render would (the
 * same schema and `unknownKeys`), so the render does not again: its
 * messages land on `file` now.
 *
 * @returns
 *   The validated data, or `undefined` when it is not valid.
 */
export async function validateEntry(
  file: VFile,
  kind: Kind,
  config: Readonly<GalleyConfig<PostSchema>>
): Promise<PostData | undefined> {
  const data = await validateFrontmatter(file, kind.schema, validationOf(config))
  return data as PostData | undefined
}

/** `validateEntry`'s result, for a render elsewhere (`RenderInput.data`). */
export function validatedData(file: VFile): string {
  const { matter, galleyFrontmatter } = file.data
  return encodeData({ matter, galleyFrontmatter }) ?? '{}'
}

/** Put `RenderInput.data` on a file, as validated with its collection's schema. */
function takeValidated(
  file: VFile,
  kind: Kind,
  data: string,
  config: Readonly<GalleyConfig<PostSchema>>
): void {
  const { matter, galleyFrontmatter } = decodeData(data) as {
    matter?: Record<string, unknown>
    galleyFrontmatter?: unknown
  }
  if (matter !== undefined) file.data.matter = matter
  if (galleyFrontmatter !== undefined) file.data.galleyFrontmatter = galleyFrontmatter
  markValidated(file, kind.schema, validationOf(config))
}

/**
 * How front matter is validated, the one decision a render, the route pass
 * and a worker's `markValidated` share (so a file validated by one counts
 * as validated for the others).
 */
function validationOf(config: Readonly<GalleyConfig<PostSchema>>): ValidateOptions {
  return { unknownKeys: config.unknownKeys, fileNameDates: config.fileNameDates }
}

/**
 * The cache key of a render: its collection's fingerprint, the file's path
 * and text (by the loader's digest while the text is the one it read). The
 * routes it depends on are checked apart (`routesHold`).
 */
export function renderKey(kind: Kind, file: VFile): string {
  const known = loadedDigest(file)
  const body = known === undefined ? String(file.value ?? '') : `\u0001${known}`
  return hash(`${kind.fingerprint}\u0000${file.path ?? ''}\u0000${body}${fallbacksKey(file)}`)
}
