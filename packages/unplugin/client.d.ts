// Types for `import post from './post.md'` and the collection modules: add
// `"types": ["@galley/unplugin/client"]` to your tsconfig, or
// `/// <reference types="@galley/unplugin/client" />`. With the `dts` option,
// the plugin writes declarations typed from your own schemas instead.
declare module '*.md' {
  import type { BlogFrontmatter } from '@galley/frontmatter'
  import type { CollectionEntry } from '@galley/unplugin'

  type Entry = CollectionEntry<BlogFrontmatter>
  /** Slug of the entry. */
  export const id: Entry['id']
  /** Collection of the entry, such as `posts`. */
  export const collection: Entry['collection']
  /** URL path of the entry. */
  export const url: Entry['url']
  /** Front matter, validated by the configured schema (the default blog schema's shape). */
  export const frontmatter: Entry['frontmatter']
  /** Rendered body. */
  export const html: Entry['html']
  /** Headings, with the ids they have in `html`. */
  export const headings: Entry['headings']
  /** Headings nested into a table of contents. */
  export const toc: Entry['toc']
  /** HTML before `<!--more-->`, else the first paragraph, and its text. */
  export const excerpt: Entry['excerpt']
  /** Word count and reading time. */
  export const stats: Entry['stats']
  const entry: Entry
  export default entry
}

declare module 'virtual:galley/collection/*' {
  import type { BlogFrontmatter } from '@galley/frontmatter'
  import type { CollectionEntry } from '@galley/unplugin'

  /** Published entries of the collection (posts newest first, others by URL). */
  export const entries: ReadonlyArray<CollectionEntry<BlogFrontmatter>>
  export default entries
}
