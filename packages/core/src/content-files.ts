import { foldersOf } from './folders.js'
import { dirnameOf, normalizePath } from './posix.js'
import type { BundleFile, ContentFile, GalleyConfig, Page, PostData, PostSchema } from './types.js'

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
  return `/${contentFilePath(path, config).split('/').map(encodeURIComponent).join('/')}`
}

/**
 * The URL of a content file as a build publishes it: its own `url` (a
 * variant's), or the one its path gives (`contentFileUrl`).
 */
export function urlOfContentFile(
  file: Readonly<ContentFile>,
  config: Readonly<Pick<GalleyConfig<PostSchema>, 'contentDir'>>
): string {
  return file.url ?? contentFileUrl(file.path, config)
}

/**
 * A content file's path inside the content folder, as written (not
 * percent-encoded): `content/posts/img/map.png` → `posts/img/map.png`.
 */
export function contentFilePath(
  path: string,
  config: Readonly<Pick<GalleyConfig<PostSchema>, 'contentDir'>>
): string {
  const root = normalizePath(foldersOf(config).contentDir)
  return root !== '' && path.startsWith(`${root}/`) ? path.slice(root.length + 1) : path
}

/**
 * The content-file URLs a page links to (in its HTML, as its link index
 * has it), each once.
 *
 * @param page
 *   Page.
 * @param urls
 *   URLs of the content files.
 * @returns
 *   URLs, in link order.
 */
export function contentLinks(page: Page<PostData>, urls: ReadonlySet<string>): string[] {
  const found: string[] = []
  for (const link of page.file.data.galleyLinks?.links ?? []) {
    const path = link.href.replace(/[?#].*$/, '')
    if (urls.has(path) && !found.includes(path)) found.push(path)
  }
  return found
}

/**
 * The content files that published pages link to, each once, by URL.
 *
 * @param arranged
 *   The published pages and every content file with its URL.
 * @param linksOf
 *   The content-file URLs a page links to (`contentLinks`, or as a
 *   snapshot kept them).
 * @returns
 *   Files to copy.
 */
export function linkedFiles(
  arranged: {
    everything: ReadonlyArray<Page<PostData>>
    contentFiles: ReadonlyArray<{ file: ContentFile; url: string }>
  },
  linksOf: (page: Page<PostData>) => ReadonlyArray<string>
): Array<{ file: ContentFile; url: string }> {
  if (arranged.contentFiles.length === 0) return []
  const byUrl = new Map(arranged.contentFiles.map((item) => [item.url, item]))
  const found = new Map<string, { file: ContentFile; url: string }>()
  for (const page of arranged.everything) {
    for (const url of linksOf(page)) {
      const item = byUrl.get(url)
      if (item && !found.has(url)) found.set(url, item)
    }
  }
  return [...found.values()].sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
}

/**
 * The path of a bundle's file as loaded (`content/trip/img/map.png`:
 * beside its page's file), or of `name` in its place: the key relative
 * links from the page find it by.
 *
 * @param file
 *   Bundle file.
 * @param name
 *   Path inside the bundle (default: the file's own).
 * @returns
 *   Path, `/` separators.
 */
export function bundleFilePath(file: Readonly<BundleFile>, name: string = file.path): string {
  return normalizePath(`${dirnameOf(file.owner.replace(/\\/g, '/'))}/${name}`)
}
