import type { PostData } from './config.js'
import type { Page, PageLink } from './page.js'

/**
 * Link each post to its older and newer neighbour and to up to three related
 * posts (the most shared tags; newest first among equals).
 *
 * @param pages
 *   Published posts, newest first.
 */
export function linkNeighbours<D extends PostData>(pages: ReadonlyArray<Page<D>>): void {
  const link = (page: Page<D>): PageLink => ({ url: page.url, title: page.data.title })
  pages.forEach((page, index) => {
    const older = pages[index + 1]
    const newer = pages[index - 1]
    page.previous = older ? link(older) : undefined
    page.next = newer ? link(newer) : undefined
    const tags = new Set(page.data.tags ?? [])
    page.related = pages
      .filter((other) => other !== page)
      .map((other) => ({
        other,
        shared: (other.data.tags ?? []).filter((tag) => tags.has(tag)).length
      }))
      .filter((item) => item.shared > 0)
      .sort((a, b) => b.shared - a.shared)
      .slice(0, 3)
      .map((item) => link(item.other))
  })
}
