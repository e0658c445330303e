import { type FieldsSchema, fields, schemaFromFields } from '@galley/frontmatter'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import type { Root } from 'hast'
import picomatch from 'picomatch'
import type { PermalinkContext, PostData } from './config.js'
import type { Site } from './layouts.js'
import type { Page } from './page.js'

/** Front matter that every entry of a content collection may have: a post's, all optional. */
export type EntryData = Partial<PostData>

/**
 * A collection of Markdown entries other than the posts: pages such as
 * “About”, docs, recipes. Each entry is validated by `schema`, rendered,
 * link-checked, published at `permalink` with `layout`, and listed in the
 * sitemap; feeds, tags and previous/next stay with the posts.
 */
export interface ContentCollection<S extends StandardSchemaV1 = StandardSchemaV1, D = PostData> {
  /** `'content'` (the default) for Markdown entries. */
  type?: 'content' | undefined
  /** Glob patterns of the entries, relative to `contentDir`, such as `'pages/**\/*.md'`. */
  glob: string | ReadonlyArray<string>
  /** Schema of the front matter (default: `title`, `description`, `draft`, `slug`, `updated`, `aliases`). */
  schema?: S | null | undefined
  /** Where each entry is published: a pattern or a function (default: `'/:slug/'`). */
  permalink?:
    | string
    | ((entry: PermalinkContext<StandardSchemaV1.InferOutput<S>>) => string)
    | null
    | undefined
  /** Layout of one entry's page; without one, the entries are checked but not written. */
  layout?: ((page: Page<StandardSchemaV1.InferOutput<S>>, site: Site<D>) => Root) | null | undefined
}

/**
 * A collection of data files (YAML, JSON or TOML): authors, series. Each file
 * is one entry, its id the file name without extension, validated by
 * `schema`; `references` in the config point into it.
 */
export interface DataCollection<S extends StandardSchemaV1 = StandardSchemaV1> {
  type: 'data'
  /** Glob patterns of the files, relative to `contentDir`, such as `'authors/*.yaml'`. */
  glob: string | ReadonlyArray<string>
  /** Schema of each file's data (default: anything). */
  schema?: S | null | undefined
}

/** A collection of entries or of data files. */
export type Collection<D = PostData> =
  // biome-ignore lint/suspicious/noExplicitAny: each collection has its own schema
  | ContentCollection<any, D>
  // biome-ignore lint/suspicious/noExplicitAny: each collection has its own schema
  | DataCollection<any>

/**
 * Identity function that gives a collection its types.
 *
 * @param collection
 *   Collection.
 * @returns
 *   The same collection.
 */
export function defineCollection<S extends StandardSchemaV1, C extends Collection>(
  collection: C & { schema?: S | null | undefined }
): C {
  return collection
}

/**
 * The front-matter schema of a content collection that declares none:
 * `title` (required), `description`, `draft`, `slug`, `updated`, `aliases`.
 *
 * @param timeZone
 *   Time zone of date-only values.
 * @returns
 *   Schema.
 */
export function createPageSchema(timeZone: string | null | undefined): FieldsSchema<EntryData> {
  return schemaFromFields({
    title: fields.title(),
    description: fields.text(),
    draft: fields.draft(),
    slug: fields.slug(),
    updated: fields.optionalDate({ timeZone }),
    aliases: fields.aliases()
  })
}

/**
 * A function telling which content collection a file belongs to: the first
 * whose glob matches its path inside `contentDir`, if any.
 *
 * @param collections
 *   Collections of the config.
 * @param contentDir
 *   Folder the globs are relative to.
 * @returns
 *   Function from a file path to a collection name.
 */
export function collectionMatcher(
  collections: Readonly<Record<string, Collection>>,
  contentDir: string
): (path: string) => string | undefined {
  const root = normalize(contentDir)
  const matchers = Object.entries(collections)
    .filter(([, collection]) => collection.type !== 'data')
    .map(([name, collection]) => ({
      name,
      test: picomatch(typeof collection.glob === 'string' ? collection.glob : [...collection.glob])
    }))
  return (path) => {
    let relative = normalize(path)
    if (root && relative.startsWith(`${root}/`)) relative = relative.slice(root.length + 1)
    return matchers.find((matcher) => matcher.test(relative))?.name
  }
}

/** A relative path with `/` separators, without `.` segments or inner `..` (`./a/../b/` → `b`). */
function normalize(path: string): string {
  const parts: string[] = []
  for (const segment of path.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..' && parts.length > 0 && parts.at(-1) !== '..') parts.pop()
    else parts.push(segment)
  }
  return parts.join('/')
}
