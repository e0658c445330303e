import type { Element, Root } from 'hast'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { eachNode } from './walk.js'

/** One link found in a document. */
export interface Link {
  /** The URL as written (`href`, `src`, or one `srcset` candidate). */
  href: string
  /** Where the link is in the source file, when known. */
  place: Position | undefined
  /**
   * The Markdown file the link names, when it was written as a link to a
   * file the site has no page for (`missing.md`: see
   * `file.data.galleyUnresolvedFiles`), so its message can name the file.
   */
  file?: string | undefined
  /** Whether the link is an image's (`<img>` or `<source>` of a `<picture>`): a missing one is an error. */
  image?: boolean | undefined
}

/** One `id` (or `name` on `<a>`) found in a document. */
export interface Target {
  /** The id. */
  id: string
  /** Where the element is in the source file, when known. */
  place: Position | undefined
}

/** The links and link targets of one document, as `rehypeGalleyLinks` records them. */
export interface LinkIndex {
  /** Every `id`, and `name` on `<a>`, in document order (duplicates included). */
  ids: Target[]
  /** Every link, in document order. */
  links: Link[]
}

const urlAttributes: Readonly<Record<string, ReadonlyArray<string>>> = {
  a: ['href'],
  area: ['href'],
  audio: ['src'],
  embed: ['src'],
  iframe: ['src'],
  img: ['src', 'srcSet'],
  link: ['href'],
  object: ['data'],
  script: ['src'],
  source: ['src', 'srcSet'],
  track: ['src'],
  video: ['src', 'poster']
}

/**
 * Record every link (`href`, `src`, `srcset`, `poster`, …) and every `id` of
 * a rendered document in `file.data.galleyLinks`, with source positions.
 * Run it after heading ids are added, so the ids are the real ones.
 *
 * @returns
 *   Transform.
 */
export function rehypeGalleyLinks(): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    const index: LinkIndex = { ids: [], links: [] }
    const unresolved = file.data.galleyUnresolvedFiles

    eachNode(tree, (found) => {
      if (found.type !== 'element') return
      const node = found as Element
      const place = node.position
      const id = node.properties.id
      if (typeof id === 'string' && id !== '') index.ids.push({ id, place })
      const name = node.properties.name
      if (node.tagName === 'a' && typeof name === 'string' && name !== '' && name !== id) {
        index.ids.push({ id: name, place })
      }

      // Own names only: an element of raw HTML may be called `<constructor>`.
      const attributes = Object.hasOwn(urlAttributes, node.tagName)
        ? urlAttributes[node.tagName]
        : undefined
      const image = node.tagName === 'img' || node.tagName === 'source' ? true : undefined
      for (const attribute of attributes ?? []) {
        const value = node.properties[attribute]
        if (value === undefined || value === null) continue
        if (attribute === 'srcSet') {
          const items = Array.isArray(value) ? value.map(String) : [String(value)]
          for (const href of items.flatMap(parseSrcset)) {
            index.links.push(image ? { href, place, image } : { href, place })
          }
        } else {
          const href = String(value)
          const named = unresolved && Object.hasOwn(unresolved, href) ? unresolved[href] : undefined
          const link: Link = named === undefined ? { href, place } : { href, place, file: named }
          if (image && node.tagName === 'img') link.image = image
          index.links.push(link)
        }
      }
    })

    for (const definition of file.data.galleyDefinitions ?? []) {
      const named =
        unresolved && Object.hasOwn(unresolved, definition.url)
          ? unresolved[definition.url]
          : undefined
      index.links.push({ href: definition.url, place: definition.place, file: named })
    }
    file.data.galleyLinks = index
    return undefined
  }
}

/** The URLs of a `srcset` (`a.png 1x, b.png 2x`); commas inside URLs are not split. */
function parseSrcset(value: string): string[] {
  return value
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter((url) => url !== '')
}
