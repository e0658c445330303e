import type { Element, ElementContent, Root, RootContent } from 'hast'
import { toHtml } from 'hast-util-to-html'
import { toString as hastToString } from 'hast-util-to-string'
import type { Position } from 'unist'
import type { VFile } from 'vfile'
import { compactString } from './compact.js'
import { eachElement } from './walk.js'

/** A link of the document. */
export interface Link {
  /** URL as it is in the HTML (after `resolveLink`). */
  url: string
  /** Text of the link. */
  text: string
  /** Where it is in the source file, when known. */
  position: Position | undefined
}

/** An image of the document. */
export interface Image {
  /** Source URL. */
  src: string
  /** Alternative text. */
  alt: string
  /** Where it is in the source file, when known. */
  position: Position | undefined
}

/** The opening of a post, for lists and feeds. */
export interface Excerpt {
  /** HTML before `<!--more-->`, else the first paragraph. */
  html: string
  /** The same as plain text. */
  text: string
  /** Whether the excerpt came from a `<!--more-->` divider. */
  divider: boolean
}

/** Counts for a post. */
export interface Stats {
  /** Words, each CJK character counting as one (code blocks left out). */
  words: number
  /** Minutes to read, rounded up (at least 1 for any text). */
  readingMinutes: number
}

/** What `rehypeGalleyCollect` records on `file.data.galleyMarkdown`. */
export interface Collected {
  links: Link[]
  images: Image[]
  excerpt: Excerpt
  stats: Stats
}

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu
const word = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu
const skipped = new Set(['pre', 'script', 'style', 'template'])

/**
 * Record links, images, the excerpt and word counts of the final tree.
 *
 * @param wordsPerMinute
 *   Reading speed for non-CJK words (CJK characters are read at 500 a minute).
 * @returns
 *   Transform.
 */
export function rehypeGalleyCollect(
  wordsPerMinute: number
): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    const links: Link[] = []
    const images: Image[] = []
    eachElement(tree, (node) => {
      const { href, src, alt } = node.properties
      if (node.tagName === 'a' && typeof href === 'string') {
        links.push({ url: href, text: hastToString(node), position: node.position })
      } else if (node.tagName === 'img' && typeof src === 'string') {
        images.push({ src, alt: typeof alt === 'string' ? alt : '', position: node.position })
      }
      return undefined
    })

    const collected: Collected = {
      links,
      images,
      excerpt: excerpt(tree, file.data.galleyMore),
      stats: stats(tree, wordsPerMinute)
    }
    file.data.galleyMarkdown = collected
    return undefined
  }
}

function excerpt(tree: Root, divider: number | undefined): Excerpt {
  let nodes: RootContent[]
  if (divider === undefined) {
    const first = tree.children.find(
      (node): node is Element => node.type === 'element' && node.tagName === 'p'
    )
    nodes = first ? [first] : []
  } else {
    nodes = []
    for (const node of tree.children) {
      const start = node.position?.start.offset
      if (start !== undefined && start >= divider) break
      nodes.push(node)
    }
  }
  const root: Root = { type: 'root', children: nodes }
  return {
    html: compactString(toHtml(root, { allowDangerousHtml: true }).trim()),
    text: hastToString(root as unknown as ElementContent)
      .replace(/\s+/g, ' ')
      .trim(),
    divider: divider !== undefined
  }
}

function stats(tree: Root, wordsPerMinute: number): Stats {
  const texts: string[] = []
  const gather = (nodes: ReadonlyArray<RootContent>) => {
    for (const node of nodes) {
      if (node.type === 'text') texts.push(node.value)
      else if (node.type === 'element' && !skipped.has(node.tagName)) gather(node.children)
    }
  }
  gather(tree.children)
  const text = texts.join(' ')
  const characters = text.match(cjk)?.length ?? 0
  const words = text.replace(cjk, ' ').match(word)?.length ?? 0
  const minutes = words / wordsPerMinute + characters / 500
  return {
    words: words + characters,
    readingMinutes: minutes === 0 ? 0 : Math.max(1, Math.ceil(minutes))
  }
}
