export type { BlogFrontmatter } from './blog-schema.js'
export { blogSchema } from './blog-schema.js'
export { parseDate } from './date.js'
export { parseFrontmatter } from './parse.js'
export type { Options } from './remark.js'
export { remarkGalleyFrontmatter } from './remark.js'
export { validateFrontmatter } from './validate.js'

declare module 'vfile' {
  interface DataMap {
    /** Raw front matter data, set by `parseFrontmatter`. */
    matter: Record<string, unknown>
    /** Validated front matter, set by `validateFrontmatter`. */
    galleyFrontmatter: unknown
  }
}
