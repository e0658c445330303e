import { type FieldsSchema, fields, schemaFromFields } from '@galley/frontmatter'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import picomatch from 'picomatch'
import { normalizePath } from './posix.js'
import type { Collection, EntryData } from './types.js'

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
 * `title` (required), `date`, `description`, `draft`, `slug`, `updated`, `aliases`.
 *
 * @param timeZone
 *   Time zone of date-only values.
 * @returns
 *   Schema.
 */
export function createPageSchema(timeZone: string | null | undefined): FieldsSchema<EntryData> {
  return schemaFromFields({
    title: fields.title(),
    date: fields.optionalDate({ timeZone }),
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
  const root = normalizePath(contentDir)
  const matchers = Object.entries(collections)
    .filter(([, collection]) => collection.type !== 'data')
    .map(([name, collection]) => {
      const globs = typeof collection.glob === 'string' ? [collection.glob] : [...collection.glob]
      // As in tinyglobby (and the content loader), `!` leaves files out.
      const ignore = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1))
      const take = globs.filter((glob) => !glob.startsWith('!'))
      return { name, test: picomatch(take, ignore.length > 0 ? { ignore } : undefined) }
    })
  return (path) => {
    let relative = normalizePath(path)
    if (root && relative.startsWith(`${root}/`)) relative = relative.slice(root.length + 1)
    return matchers.find((matcher) => matcher.test(relative))?.name
  }
}
