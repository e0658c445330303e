// Types for `import post from './post.md'`: add `"types": ["@galley/unplugin/client"]`
// to your tsconfig, or `/// <reference types="@galley/unplugin/client" />`.
declare module '*.md' {
  import type { BlogFrontmatter } from '@galley/frontmatter'

  /** Front matter, validated by the configured schema (the default blog schema's shape). */
  export const frontmatter: BlogFrontmatter
  /** Rendered body. */
  export const html: string
  /** Headings, with the ids they have in `html`. */
  export const headings: ReadonlyArray<{ depth: 1 | 2 | 3 | 4 | 5 | 6; id: string; text: string }>
  /** URL path of the post. */
  export const url: string
  const post: { frontmatter: BlogFrontmatter; html: string; headings: typeof headings; url: string }
  export default post
}
