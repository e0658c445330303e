import type { Excerpt, Heading, Stats, TocEntry } from '@galley/markdown'
import type { VFile } from 'vfile'
import type { DataEntry } from './references.js'

/** A rendered post. */
export interface Page<D> {
  /** The file, carrying its messages. */
  file: VFile
  /** Collection the entry belongs to: `posts`, or another content collection. */
  collection: string
  /** Slug, from the file name (`index.md` takes its folder's name). */
  slug: string
  /** URL path the post is published at, such as `/posts/hello/`. */
  url: string
  /** Validated front matter. */
  data: D
  /** Rendered body. */
  html: string
  /** Headings, with the ids they have in `html`. */
  headings: ReadonlyArray<Heading>
  /** HTML before `<!--more-->`, else the first paragraph, and its plain text. */
  excerpt: Excerpt
  /** Word count and reading time. */
  stats: Stats
  /** Headings nested into a table of contents. */
  toc: ReadonlyArray<TocEntry>
  /** The next older published post, set by `build`. */
  previous?: PageLink | undefined
  /** The next newer published post, set by `build`. */
  next?: PageLink | undefined
  /** Up to three posts sharing the most terms (of every taxonomy), nearest in date among equals, set by `build`. */
  related?: ReadonlyArray<PageLink> | undefined
  /** Data entries that `references` resolved, by front-matter key, set by `build`. */
  references?: Readonly<Record<string, DataEntry | ReadonlyArray<DataEntry>>> | undefined
}

/** A link to another post. */
export interface PageLink {
  url: string
  title: string
}
