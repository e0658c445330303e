export type { BlogFrontmatter, BlogSchemaOptions, FieldsSchema } from './blog-schema.js'
export { blogSchema, createBlogSchema, schemaFromFields } from './blog-schema.js'
export type { DateOptions } from './date.js'
export { parseDate } from './date.js'
export type { Author, Field } from './fields.js'
export { fields, parseList } from './fields.js'
export type { FileNameDates } from './file-name.js'
export { fileNameDate } from './file-name.js'
export type { JsonSchemaOptions } from './json-schema.js'
export { toJsonSchema } from './json-schema.js'
export { locateValue } from './locate.js'
export { parseData, parseFrontmatter } from './parse.js'
export type { Options } from './remark.js'
export { remarkGalleyFrontmatter } from './remark.js'
export type { Block, Format } from './split.js'
export { findFrontmatter, frontmatterMatters } from './split.js'
export type { ValidateOptions } from './validate.js'
export { markValidated, validateFrontmatter } from './validate.js'

declare module 'vfile' {
  interface DataMap {
    /** Raw front matter data, set by `parseFrontmatter`. */
    matter: Record<string, unknown>
    /** Validated front matter, set by `validateFrontmatter`. */
    galleyFrontmatter: unknown
    /**
     * Dates from elsewhere (git's history) for a file whose front matter
     * leaves them out: `date` when it has none (nor its file name),
     * `updated` when the validated value has none. Set by the loader.
     */
    galleyFallbacks: { date?: Date | undefined; updated?: Date | undefined }
  }
}
