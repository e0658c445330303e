import type { Root } from 'hast'
import type { Page } from './page.js'

/** A tag and the posts that have it, newest first. */
export interface Tag<D> {
  /** Tag as written in front matter. */
  name: string
  /** URL path of the tag's page, such as `/tags/fedora/`. */
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
  /** Tags, by name. */
  tags: ReadonlyArray<Tag<D>>
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
  /** The home page, listing posts. */
  index(site: Site<D>): Root
  /** One tag's page. */
  tag(tag: Tag<D>, site: Site<D>): Root
  /** The page for missing URLs, written as `404.html`. */
  notFound(site: Site<D>): Root
}
