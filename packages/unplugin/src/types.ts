import type { Excerpt, Heading, Stats, TocEntry } from '@galley/markdown'

/** One entry as a module gives it: a `.md` import, or an item of a collection's `entries`. */
export interface CollectionEntry<D> {
  /** Slug: the file name without extension, or the front matter's `slug`. */
  id: string
  /** Collection the entry belongs to, such as `posts`. */
  collection: string
  /** URL path the entry is published at. */
  url: string
  /** Front matter, validated by the collection's schema. */
  frontmatter: D
  /** Rendered body. */
  html: string
  /** Headings, with the ids they have in `html`. */
  headings: ReadonlyArray<Heading>
  /** Headings nested into a table of contents. */
  toc: ReadonlyArray<TocEntry>
  /** HTML before `<!--more-->`, else the first paragraph, and its plain text. */
  excerpt: Excerpt
  /** Word count and reading time. */
  stats: Stats
}
