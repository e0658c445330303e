import { termsOf } from './taxonomies.js'
import type { Page, PageLink, PostData } from './types.js'

/**
 * Link each post to its older and newer neighbour and to up to three related
 * posts: the most shared terms (tags, and any other taxonomy), then the nearest in date (among the 25 nearest
 * posts of each shared tag, so the cost stays linear in the number of posts).
 *
 * @param pages
 *   Published posts, newest first.
 */
export function linkNeighbours<D extends PostData>(
  pages: ReadonlyArray<Page<D>>,
  taxonomies: Iterable<string> = ['tags']
): void {
  const keys = [...taxonomies]
  // Terms of every taxonomy, kept apart: `tags: [go]` and `series: [go]` differ.
  const terms = (page: Page<D>) =>
    keys.flatMap((key) => termsOf(page.data, key).map((term) => `${key}\u0000${term}`))
  const link = (page: Page<D>): PageLink => ({ url: page.url, title: page.data.title })
  // Posts of each tag, newest first, and where each post sits in them.
  const byTag = new Map<string, Array<Page<D>>>()
  const positions = new Map<string, Map<Page<D>, number>>()
  for (const page of pages) {
    for (const tag of terms(page)) {
      let list = byTag.get(tag)
      let at = positions.get(tag)
      if (!list || !at) {
        list = []
        at = new Map()
        byTag.set(tag, list)
        positions.set(tag, at)
      }
      at.set(page, list.length)
      list.push(page)
    }
  }
  const rank = new Map(pages.map((page, index) => [page, index]))

  pages.forEach((page, index) => {
    const older = pages[index + 1]
    const newer = pages[index - 1]
    page.previous = older ? link(older) : undefined
    page.next = newer ? link(newer) : undefined

    // Candidates: the nearest posts (in date) of each shared tag, so a tag
    // on every post costs the same as a rare one. Counted by rank (the
    // index in `pages`), so sorting compares numbers only.
    const shared = new Map<number, number>()
    for (const tag of terms(page)) {
      const list = byTag.get(tag) ?? []
      const at = positions.get(tag)?.get(page) ?? 0
      const end = Math.min(list.length, at + window + 1)
      for (let other = Math.max(0, at - window); other < end; other++) {
        const candidate = list[other] as Page<D>
        if (candidate === page) continue
        const key = rank.get(candidate) ?? 0
        shared.set(key, (shared.get(key) ?? 0) + 1)
      }
    }
    // Most shared terms, then nearest in date, then newer first.
    page.related = [...shared]
      .sort(
        ([a, sharedA], [b, sharedB]) =>
          sharedB - sharedA || Math.abs(a - index) - Math.abs(b - index) || a - b
      )
      .slice(0, 3)
      .map(([other]) => link(pages[other] as Page<D>))
  })
}

/** How many posts on each side, in each shared term, are candidates for “related”. */
const window = 25
