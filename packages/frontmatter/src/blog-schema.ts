import type { StandardJSONSchemaV1, StandardSchemaV1 } from '@standard-schema/spec'
import type { DateOptions } from './date.js'
import { type Author, type Field, fields } from './fields.js'

/** Front matter of a blog post, as `blogSchema` outputs it. */
export interface BlogFrontmatter {
  /** Title of the post. */
  title: string
  /** Publication date; date-only values are midnight in the site's time zone. */
  date: Date
  /** Date of the last real change. */
  updated?: Date | undefined
  /** Date before which the post is not published. */
  publishDate?: Date | undefined
  /** Date after which the post is no longer published. */
  expiryDate?: Date | undefined
  /** Tags, trimmed and without duplicates (default: `[]`). */
  tags: string[]
  /** Whether the post is a draft (default: `false`). */
  draft: boolean
  /** One-sentence description for feeds and `<meta>`. */
  description?: string | undefined
  /** Summary shown in lists, if it differs from the description. */
  summary?: string | undefined
  /** Slug that replaces the one from the file name. */
  slug?: string | undefined
  /** Old URL paths that should redirect to the post (default: `[]`). */
  aliases: string[]
  /** Author of the post. */
  author?: Author | undefined
  /** Order among posts of the same date, lower first (Hugo's `weight`). */
  weight?: number | undefined
  /** Categories, as Hugo's `categories` taxonomy. */
  categories?: string[] | undefined
  /** Series the post belongs to, as Hugo's `series` taxonomy. */
  series?: string[] | undefined
  /** Keywords for `<meta>` and search. */
  keywords?: string[] | undefined
  /** An image for link previews. */
  image?: string | undefined
  /** Images for link previews, the first used (Hugo's `images`). */
  images?: string[] | undefined
  /** The page's URL path, replacing its permalink (Hugo's `url`). */
  url?: string | undefined
  /** A shorter title for links and menus (Hugo's `linkTitle`). */
  linkTitle?: string | undefined
}

/**
 * Hugo's keys that Galley accepts but does not read: templates, menus,
 * outputs and build options belong to Hugo's site, not to the post.
 */
const hugoOnly = [
  'audio',
  'build',
  'cascade',
  'headless',
  'isCJKLanguage',
  'layout',
  'markup',
  'menu',
  'outputs',
  'resources',
  'sitemap',
  'translationKey',
  'type',
  'videos'
] as const

/** Hugo's keys Galley accepts and leaves out, with Hugo's lowercase spellings. */
const ignoredKeys: ReadonlyArray<string> = [...hugoOnly, 'iscjklanguage', 'translationkey']

/**
 * Hugo reads front-matter keys in any case: the lowercase spellings its
 * docs and sites use, read as the field they name (which wins when both
 * are given).
 */
const hugoSpellings = {
  lastmod: 'updated',
  publishdate: 'publishDate',
  expirydate: 'expiryDate',
  linktitle: 'linkTitle'
} as const

/**
 * Jekyll's keys for fields the schema has (with `jekyll`), read as the
 * field they name when it is not given.
 */
const jekyllSpellings = {
  permalink: 'url',
  last_modified_at: 'updated',
  excerpt: 'summary'
} as const

/** Jekyll's keys Galley accepts and leaves out (with `jekyll`). */
const jekyllOnly = ['excerpt_separator', 'sitemap'] as const

/** Configuration for `createBlogSchema`. */
export interface BlogSchemaOptions extends DateOptions {
  /**
   * Read Jekyll's front matter too (default: `false`): `tags` and
   * `categories` as one string of names separated by spaces
   * (`categories: jekyll update`) or a list, `category` (one more
   * category), `permalink` (the page's URL path, as `url`),
   * `published: false` (a draft), `redirect_from` (more aliases),
   * `last_modified_at` (as `updated`) and `excerpt` (as `summary`).
   */
  jekyll?: boolean | null | undefined
  /**
   * Read the front matter of a list's introduction (Hugo's `_index.md` of
   * the home page or a section): `title` and `date` may be left out
   * (default: `false`).
   */
  section?: boolean | null | undefined
}

/** A schema built from fields: Standard Schema and Standard JSON Schema at once. */
export type FieldsSchema<Output> = StandardSchemaV1<unknown, Output> &
  StandardJSONSchemaV1<unknown, Output>

type Fields = Readonly<Record<string, Field<unknown>>>
type OutputOf<F extends Fields> = { [K in keyof F]: StandardSchemaV1.InferOutput<F[K]> }

/**
 * Build an object schema from fields. Every field's problem is reported (not
 * only the first), with its key as path. Keys without a field are dropped
 * from the output (`validateFrontmatter` warns about them).
 *
 * @param shape
 *   Fields by key, such as `{ title: fields.title(), rating: myField }`.
 * @returns
 *   Schema.
 */
export function schemaFromFields<F extends Fields>(shape: F): FieldsSchema<OutputOf<F>> {
  const entries = Object.entries(shape)
  const jsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: Object.fromEntries(entries.map(([key, item]) => [key, item.jsonSchema])),
    required: entries.filter(([, item]) => !item.optional).map(([key]) => key)
  }
  // The output: lists where the input may be one value, and keys with a
  // default always there.
  const outputSchema = {
    ...jsonSchema,
    properties: Object.fromEntries(entries.map(([key, item]) => [key, item.outputJsonSchema])),
    required: entries
      .filter(([, item]) => !item.optional || item.fallback !== undefined)
      .map(([key]) => key)
  }
  const converter =
    (schema: Record<string, unknown>) => (options: StandardJSONSchemaV1.Options) => {
      if (options.target !== 'draft-2020-12' && options.target !== 'draft-07') {
        throw new TypeError(
          `Expected \`target\` to be \`draft-2020-12\` or \`draft-07\`, not \`${options.target}\``
        )
      }
      return structuredClone(schema)
    }

  return {
    '~standard': {
      version: 1,
      vendor: 'galley',
      jsonSchema: { input: converter(jsonSchema), output: converter(outputSchema) },
      validate(value: unknown): StandardSchemaV1.Result<OutputOf<F>> {
        if (!value || typeof value !== 'object' || Array.isArray(value)) {
          return {
            issues: [{ message: 'Expected front matter to be a mapping of keys to values' }]
          }
        }
        const record = value as Record<string, unknown>
        const issues: StandardSchemaV1.Issue[] = []
        const output: Record<string, unknown> = {}
        for (const [key, item] of entries) {
          // Own values only: a key missing from the data is missing, never inherited.
          const given = Object.hasOwn(record, key) ? record[key] : undefined
          const result = item['~standard'].validate(given) as StandardSchemaV1.Result<unknown>
          if (result.issues) {
            for (const issue of result.issues) {
              issues.push({ message: issue.message, path: [key, ...(issue.path ?? [])] })
            }
          } else if (result.value !== undefined) {
            // own-key: `key` is a field of the schema, not of the data.
            output[key] = result.value
          }
        }
        return issues.length > 0 ? { issues } : { value: output as OutputOf<F> }
      }
    }
  }
}

/**
 * Create the blog schema, reading date-only values in `timeZone`.
 *
 * @param options
 *   Configuration (optional); an unknown `timeZone` throws a `TypeError`.
 * @returns
 *   Schema.
 */
export function createBlogSchema(
  options?: Readonly<BlogSchemaOptions> | null
): FieldsSchema<BlogFrontmatter> {
  const jekyll = options?.jekyll === true
  const section = options?.section === true
  const schema = schemaFromFields({
    title: section ? fields.text() : fields.title(),
    date: section ? fields.optionalDate(options) : fields.date(options),
    updated: fields.optionalDate(options),
    lastmod: fields.optionalDate(options),
    publishDate: fields.optionalDate(options),
    publishdate: fields.optionalDate(options),
    expiryDate: fields.optionalDate(options),
    expirydate: fields.optionalDate(options),
    tags: fields.tags(),
    draft: fields.draft(),
    description: fields.text(),
    summary: fields.text(),
    slug: fields.slug(),
    aliases: fields.aliases(),
    author: fields.author(),
    weight: fields.number(),
    categories: fields.list(),
    series: fields.list(),
    keywords: fields.list(),
    image: fields.text(),
    images: fields.list(),
    url: fields.path(),
    linkTitle: fields.text(),
    linktitle: fields.text(),
    ...Object.fromEntries(ignoredKeys.map((key) => [key, fields.ignored()])),
    ...(jekyll
      ? {
          tags: fields.words([]),
          categories: fields.words(),
          category: fields.list(),
          permalink: fields.path(),
          published: fields.flag(),
          redirect_from: fields.aliases(),
          last_modified_at: fields.optionalDate(options),
          excerpt: fields.text(),
          ...Object.fromEntries(jekyllOnly.map((key) => [key, fields.ignored()]))
        }
      : {})
  })
  const left = [
    ...Object.keys(hugoSpellings),
    ...ignoredKeys,
    ...(jekyll
      ? [...Object.keys(jekyllSpellings), ...jekyllOnly, 'category', 'published', 'redirect_from']
      : [])
  ]
  const standard = schema['~standard']
  return {
    '~standard': {
      ...standard,
      jsonSchema: {
        input: standard.jsonSchema.input,
        // What the output holds: no `lastmod` (it is `updated`), no other
        // Hugo spelling, no Hugo-only keys.
        output(options) {
          const output = standard.jsonSchema.output(options) as {
            properties: Record<string, unknown>
          }
          for (const key of left) delete output.properties[key]
          return output
        }
      },
      // Hugo's `lastmod` is `updated` (which wins when both are given).
      validate(value) {
        const result = standard.validate(value) as StandardSchemaV1.Result<Record<string, unknown>>
        if (result.issues) return result as StandardSchemaV1.FailureResult
        const data = { ...result.value }
        for (const [spelling, key] of Object.entries({
          ...hugoSpellings,
          ...(jekyll ? jekyllSpellings : {})
        })) {
          const value = data[spelling]
          delete data[spelling]
          // own-key: `key` is a fixed field name.
          if (value !== undefined && data[key] === undefined) data[key] = value
        }
        if (jekyll) readJekyll(data)
        return { value: data as unknown as BlogFrontmatter }
      }
    }
  } as FieldsSchema<BlogFrontmatter>
}

/** Jekyll's `category`, `published` and `redirect_from`, into the fields they add to. */
function readJekyll(data: Record<string, unknown>): void {
  const { category, published, redirect_from: from } = data
  delete data.category
  delete data.published
  delete data.redirect_from
  if (Array.isArray(category) && category.length > 0) {
    const categories = (data.categories as string[] | undefined) ?? []
    data.categories = [...new Set([...(category as string[]), ...categories])]
  }
  if (published === false) data.draft = true
  if (Array.isArray(from) && from.length > 0) {
    data.aliases = [...new Set([...((data.aliases as string[] | undefined) ?? []), ...from])]
  }
}

/**
 * The blog schema in Hugo's shape, with dates in UTC: the seed post
 * (`title`, `tags: [ fedora, atomic ]`, `date: "2018-04-23"`, `draft: false`)
 * validates with no configuration.
 */
export const blogSchema: FieldsSchema<BlogFrontmatter> = createBlogSchema()
