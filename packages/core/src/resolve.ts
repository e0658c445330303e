import { createBlogSchema } from '@galley/frontmatter'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { createPageSchema } from './collections.js'
import type { ContentCollection, GalleyConfig, PermalinkContext, PostSchema } from './types.js'

/** A content collection as every host sees it: its defaults decided here, once. */
export interface ResolvedCollection {
  /** Name: `posts`, or a key of `collections`. */
  name: string
  /** The schema its front matter is validated with. */
  schema: StandardSchemaV1
  /** Its permalink pattern or function. */
  permalink: string | ((entry: PermalinkContext) => string)
  /** The collection as configured, if it is (`posts` may come from the top level). */
  collection: ContentCollection | undefined
}

/**
 * The content collections of a config, `posts` first, with their defaults:
 * `posts` takes `collections.posts`, else the top-level `schema` and
 * `permalink`, else the blog schema (in `timeZone`) and `/posts/:slug/`;
 * another collection takes its own, else the page schema and `/:slug/`.
 * The core, the unplugin's generated types and the Eleventy plugin read
 * schemas from here, so they never disagree.
 *
 * @param config
 *   Configuration.
 * @returns
 *   Collections.
 */
export function contentCollections(
  config: Readonly<
    Pick<GalleyConfig<PostSchema>, 'collections' | 'permalink' | 'schema' | 'timeZone'>
  >
): ResolvedCollection[] {
  const collections = config.collections ?? {}
  const posts = collections.posts
  if (posts?.type === 'data') {
    throw new TypeError('Expected `collections.posts` to be a content collection, not data')
  }
  const resolved: ResolvedCollection[] = [
    {
      name: 'posts',
      schema: posts?.schema || config.schema || createBlogSchema({ timeZone: config.timeZone }),
      permalink: posts?.permalink ?? config.permalink ?? '/posts/:slug/',
      collection: posts
    }
  ]
  for (const [name, collection] of Object.entries(collections)) {
    if (name === 'posts' || collection.type === 'data') continue
    resolved.push({
      name,
      schema: collection.schema || createPageSchema(config.timeZone),
      permalink: collection.permalink ?? '/:slug/',
      collection
    })
  }
  return resolved
}
