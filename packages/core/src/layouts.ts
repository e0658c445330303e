import type { Root } from 'hast'
import type { Page } from './page.js'
import type { Pagination } from './paginate.js'

/** A term of a taxonomy (a tag, a category) and the posts that have it, newest first. */
export interface Tag<D> {
  /** Term as written in front matter. */
  name: string
  /** Front-matter key of the taxonomy, such as `tags`. */
  taxonomy: string
  /** URL path of the term's page, such as `/tags/fedora/`. */
  url: string
  /** Posts with this tag, newest first. */
  pages: ReadonlyArray<Page<D>>
}

/** The whole site, as layouts see it. */
export interface Site<D> {
  /** Absolute URL of the site. */
  url: URL
  /** Title of the site. */
  title: string
  /** Description of the site, if any. */
  description: string | undefined
  /** Language of the content, if any. */
  language: string | undefined
  /** Published posts, newest first. */
  pages: ReadonlyArray<Page<D>>
  /** Tags, by name (the terms of the `tags` taxonomy). */
  tags: ReadonlyArray<Tag<D>>
  /** Terms of every taxonomy, by taxonomy, each sorted by name. */
  taxonomies: Readonly<Record<string, ReadonlyArray<Tag<D>>>>
  /** Published entries of the other content collections, by collection. */
  collections: Readonly<Record<string, ReadonlyArray<Page<unknown>>>>
  /** URL path of the RSS feed, if there is one. */
  feedUrl: string | undefined
}

/**
 * Layouts turn data into HTML syntax trees (hast), so text is escaped by
 * construction; `raw(page.html)` inserts a post's rendered body.
 */
export interface Layouts<D> {
  /** One post's page. */
  post(page: Page<D>, site: Site<D>): Root
  /** The home page listing posts, once per page of `paginate` posts. */
  index(site: Site<D>, pagination: Pagination<Page<D>>): Root
  /** One term's page (of `tags` or another taxonomy), once per page of `paginate` posts. */
  tag(tag: Tag<D>, site: Site<D>, pagination: Pagination<Page<D>>): Root
  /** The page for missing URLs, written as `404.html`. */
  notFound(site: Site<D>): Root
}
