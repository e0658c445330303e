import { weightOf } from './compare.js'
import { isPublished } from './publish.js'
import { mayLinkTo } from './snapshot.js'
import { termsOf } from './taxonomies.js'
import type { GalleyConfig, Page, PageLink, PostData, PostSchema } from './types.js'

/**
 * Whether a new render of an entry leaves the site's shape as it was, so
 * `update` can put it in place of the old one: the same URL and collection,
 * published or not alike, the same date and weight (the order of posts), terms of every
 * taxonomy, aliases and heading ids (what links to it can find). Its body,
 * title, description and any other field may differ.
 *
 * @returns
 *   Whether the shape holds.
 */
export function sameShape(
  before: Page<PostData>,
  after: Page<PostData>,
  config: Readonly<GalleyConfig<PostSchema>>,
  taxonomies: Iterable<string>,
  now: Date
): boolean {
  if (before.url !== after.url || before.collection !== after.collection) return false
  if (isPublished(before.data, config, now) !== isPublished(after.data, config, now)) return false
  if (before.data.date?.getTime() !== after.data.date?.getTime()) return false
  if (weightOf(before.data) !== weightOf(after.data)) return false
  for (const key of taxonomies) {
    if (!sameList(termsOf(before.data, key), termsOf(after.data, key))) return false
  }
  if (!sameList(before.data.aliases ?? [], after.data.aliases ?? [])) return false
  const ids = (page: Page<PostData>) =>
    [...new Set((page.file.data.galleyLinks?.ids ?? []).map((target) => target.id))].sort()
  return sameList(ids(before), ids(after))
}

/**
 * Put a new render of an entry in place of the old one: every field but
 * its neighbours is the new one's, and the links other posts have to it
 * (previous, next, related) get its new title.
 *
 * @param before
 *   The entry as the site has it (changed in place).
 * @param after
 *   Its new render, of the same shape (`sameShape`).
 * @param pages
 *   The site's published posts.
 * @param touched
 *   Where the pages whose links got the new title are added (optional).
 */
export function replaceEntry(
  before: Page<PostData>,
  after: Page<PostData>,
  pages: ReadonlyArray<Page<PostData>>,
  touched?: Set<Page<PostData>> | undefined
): void {
  const retitled = before.data.title !== after.data.title
  const target = before as unknown as Record<string, unknown>
  for (const key of Object.keys(after) as Array<keyof Page<PostData>>) {
    if (key === 'previous' || key === 'next' || key === 'related') continue
    // own-key: `key` is an own key of a page that Galley made.
    target[key] = after[key]
  }
  if (!retitled) return
  for (const page of pages) {
    // A resumed page whose neighbours are still unread text is skipped
    // when that text does not name the URL (not decoding 10,000 of them).
    if (!mayLinkTo(page, before.url)) continue
    const retitle = (link: PageLink | undefined) => {
      if (link && link.url === before.url) {
        link.title = before.data.title
        touched?.add(page)
      }
    }
    retitle(page.previous)
    retitle(page.next)
    for (const link of page.related ?? []) retitle(link)
  }
}

function sameList(a: ReadonlyArray<string>, b: ReadonlyArray<string>): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index])
}
