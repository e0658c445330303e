import type { Element, ElementContent, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { SKIP, visit } from 'unist-util-visit'

/** What a hook returns: replacement hast, or nothing to keep the default rendering. */
export type HookResult = Array<ElementContent> | ElementContent | null | undefined

/**
 * Render hooks, as in Hugo's `render-link.html` and friends, without writing
 * a plugin. Each gets the element's data and the element itself.
 */
export interface Hooks {
  /** A link (`<a href>`). */
  link?:
    | ((link: {
        href: string
        title: string | undefined
        text: string
        node: Element
      }) => HookResult)
    | null
    | undefined
  /** An image (`<img src>`). */
  image?:
    | ((image: {
        src: string
        alt: string
        title: string | undefined
        node: Element
      }) => HookResult)
    | null
    | undefined
  /** A heading, with its final `id`. */
  heading?:
    | ((heading: { depth: number; id: string; text: string; node: Element }) => HookResult)
    | null
    | undefined
  /** A fenced or indented code block (before syntax highlighting, which it replaces when it returns something). */
  codeBlock?:
    | ((block: {
        lang: string | undefined
        meta: string | undefined
        code: string
        node: Element
      }) => HookResult)
    | null
    | undefined
}

const headingRank = /^h([1-6])$/

/**
 * Apply render hooks to a tree.
 *
 * @param hooks
 *   Hooks.
 * @returns
 *   Transform.
 */
export function rehypeGalleyHooks(hooks: Readonly<Hooks>): (tree: Root) => undefined {
  return (tree) => {
    visit(tree, 'element', (node, index, parent) => {
      if (!parent || index === undefined) return
      const result = run(hooks, node)
      if (result === undefined || result === null) return
      const replacement = Array.isArray(result) ? result : [result]
      parent.children.splice(index, 1, ...replacement)
      return [SKIP, index + replacement.length]
    })
    return undefined
  }
}

function run(hooks: Readonly<Hooks>, node: Element): HookResult {
  const { properties } = node
  const title = typeof properties.title === 'string' ? properties.title : undefined
  if (node.tagName === 'a' && hooks.link && typeof properties.href === 'string') {
    return hooks.link({ href: properties.href, title, text: hastToString(node), node })
  }
  if (node.tagName === 'img' && hooks.image && typeof properties.src === 'string') {
    const alt = typeof properties.alt === 'string' ? properties.alt : ''
    return hooks.image({ src: properties.src, alt, title, node })
  }
  const rank = headingRank.exec(node.tagName)
  if (rank && hooks.heading) {
    const id = typeof properties.id === 'string' ? properties.id : ''
    return hooks.heading({ depth: Number(rank[1]), id, text: hastToString(node), node })
  }
  if (node.tagName === 'pre' && hooks.codeBlock) {
    const code = node.children.find(
      (child): child is Element => child.type === 'element' && child.tagName === 'code'
    )
    if (code) {
      return hooks.codeBlock({
        lang: languageOf(code),
        meta: metaOf(code),
        code: hastToString(code),
        node
      })
    }
  }
  return undefined
}

/** The language of a `<code>` from its `language-*` class. */
export function languageOf(code: Element): string | undefined {
  const classes = Array.isArray(code.properties.className) ? code.properties.className : []
  const found = classes.map(String).find((name) => name.startsWith('language-'))
  return found?.slice('language-'.length)
}

function metaOf(code: Element): string | undefined {
  const meta = (code.data as { meta?: unknown } | undefined)?.meta
  return typeof meta === 'string' && meta !== '' ? meta : undefined
}
