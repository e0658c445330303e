import { foldersOf } from './folders.js'
import type { ContentFile, GalleyConfig, Page, PostData, PostSchema } from './types.js'

/**
 * The URL of a content file: its path inside the content folder
 * (`content/posts/img/map.png` → `/posts/img/map.png`), each segment
 * percent-encoded.
 *
 * @param path
 *   Path as loaded (relative to the working folder, `/` separators).
 * @param config
 *   Configuration (`contentDir`).
 * @returns
 *   URL path.
 */
export function contentFileUrl(
  path: string,
  config: Readonly<Pick<GalleyConfig<PostSchema>, 'contentDir'>>
): string {
  const root = foldersOf(config)
    .contentDir.replace(/\\/g, '/')
    .replace(/^\.\/?|\/$/g, '')
  const relative = root !== '' && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path
  return `/${relative.split('/').map(encodeURIComponent).join('/')}`
}

/**
 * The content files that published pages link to (in their HTML, as the
 * link index has it), each once, by URL.
 *
 * @param arranged
 *   The published pages and every content file with its URL.
 * @returns
 *   Files to copy.
 */
export function linkedFiles(arranged: {
  everything: ReadonlyArray<Page<PostData>>
  contentFiles: ReadonlyArray<{ file: ContentFile; url: string }>
}): Array<{ file: ContentFile; url: string }> {
  if (arranged.contentFiles.length === 0) return []
  const byUrl = new Map(arranged.contentFiles.map((item) => [item.url, item]))
  const found = new Map<string, { file: ContentFile; url: string }>()
  for (const page of arranged.everything) {
    for (const link of page.file.data.galleyLinks?.links ?? []) {
      const path = link.href.replace(/[?#].*$/, '')
      const item = byUrl.get(path)
      if (item && !found.has(path)) found.set(path, item)
    }
  }
  return [...found.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
}
