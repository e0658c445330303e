import { normalizePath } from './posix.js'
import type { Page, PostData, Tag } from './types.js'

/**
 * Hugo's sections: the posts of each top-level folder of the content
 * folder (`content/posts/a.md` → `posts`), for a list page at the folder's
 * URL (`/posts/`), laid out with the `tag` layout as a term of the
 * `section` taxonomy. Posts at the top are in none; a folder whose URL
 * another page already has (`taken`) gets no list.
 *
 * @param pages
 *   Posts, in the site's order.
 * @param contentDir
 *   Content folder, relative to the working folder.
 * @param taken
 *   Whether a URL is another page's.
 * @returns
 *   Sections, sorted by name.
 */
export function gatherSections<P extends Page<PostData>>(
  pages: ReadonlyArray<P>,
  contentDir: string,
  taken: (url: string) => boolean
): Array<Tag<PostData> & { pages: P[] }> {
  const root = normalizePath(contentDir)
  const prefix = root === '' ? '' : `${root}/`
  const sections = new Map<string, Tag<PostData> & { pages: P[] }>()
  for (const page of pages) {
    const path = String(page.file.path ?? '').replace(/\\/g, '/')
    if (!path.startsWith(prefix)) continue
    const relative = path.slice(prefix.length)
    const slash = relative.indexOf('/')
    if (slash <= 0) continue
    const name = relative.slice(0, slash)
    let section = sections.get(name)
    if (!section) {
      section = { name, taxonomy: 'section', url: `/${encodeURIComponent(name)}/`, pages: [] }
      sections.set(name, section)
    }
    section.pages.push(page)
  }
  return [...sections.values()]
    .filter((section) => !taken(section.url))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}
