import type { Element, ElementContent, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import { SKIP, visit } from 'unist-util-visit'
import { type AlertType, alertOf } from './alerts.js'
import { type CodeMeta, codeOf, metaOf, parseCodeMeta } from './code-meta.js'
import type { DirectiveHook } from './directives.js'

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
  /**
   * A fenced or indented code block (before syntax highlighting, which it
   * replaces when it returns something), with its fence's meta as written
   * and as read (`title="…"`, `showLineNumbers`).
   */
  codeBlock?:
    | ((
        block: {
          lang: string | undefined
          meta: string | undefined
          code: string
          node: Element
        } & CodeMeta
      ) => HookResult)
    | null
    | undefined
  /**
   * A blockquote, with the GitHub alert it is (`> [!NOTE]` → `alert:
   * 'note'`, and `children` without the marker), as Hugo's blockquote hook
   * gives `.AlertType`; `alert` is `undefined` for a plain quote (and for a
   * quote inside another element, which GitHub never makes an alert).
   */
  blockquote?:
    | ((blockquote: {
        alert: AlertType | undefined
        children: ElementContent[]
        text: string
        node: Element
      }) => HookResult)
    | null
    | undefined
  /** A table, with its header and body rows as text, for a wrapper or a caption. */
  table?:
    | ((table: { head: string[][]; body: string[][]; node: Element }) => HookResult)
    | null
    | undefined
  /**
   * Directives (with `directives` on), by name: `directives: { youtube:
   * ({ attributes }) => h('iframe', …) }` renders `::youtube{id=…}`; a hook
   * for a built-in name (`note`, `details`, …) replaces it, and one that
   * returns nothing keeps the built-in rendering.
   */
  directives?: Readonly<Record<string, DirectiveHook>> | null | undefined
  /**
   * A formula (with `math` on), before KaTeX renders it: `display` for
   * `$$…$$` blocks and ```` ```math ````, not for `$…$` in a line.
   */
  math?: ((math: { tex: string; display: boolean; node: Element }) => HookResult) | null | undefined
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
export function rehypeGalleyHooks(
  hooks: Readonly<Hooks>,
  settings?: { math?: boolean | undefined }
): (tree: Root) => undefined {
  const math = Boolean(settings?.math)
  return (tree) => {
    visit(tree, 'element', (node, index, parent) => {
      if (!parent || index === undefined) return
      const result = run(hooks, node, parent.type === 'root', math)
      if (result === undefined || result === null) return
      const replacement = Array.isArray(result) ? result : [result]
      parent.children.splice(index, 1, ...replacement)
      return [SKIP, index + replacement.length]
    })
    return undefined
  }
}

function run(hooks: Readonly<Hooks>, node: Element, top: boolean, math: boolean): HookResult {
  const { properties } = node
  if (math && hooks.math) {
    const formula = formulaOf(node)
    if (formula) return hooks.math({ ...formula, node })
  }
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
    const code = codeOf(node)
    // With `math` on, a ```` ```math ```` block is a formula, not code.
    if (code && !(math && formulaOf(node))) {
      const meta = metaOf(code)
      return hooks.codeBlock({
        lang: languageOf(code),
        meta,
        ...parseCodeMeta(meta),
        code: hastToString(code),
        node
      })
    }
  }
  if (node.tagName === 'blockquote' && hooks.blockquote) {
    const alert = top ? alertOf(node) : undefined
    return hooks.blockquote({
      alert: alert?.type,
      children: alert ? alert.children : node.children,
      text: hastToString(node),
      node
    })
  }
  if (node.tagName === 'table' && hooks.table) {
    return hooks.table({ head: rowsOf(node, 'thead'), body: rowsOf(node, 'tbody'), node })
  }
  return undefined
}

/** The TeX of a remark-math element (`code.math-inline`, `pre` of `code.math-display` or `code.language-math`). */
function formulaOf(node: Element): { tex: string; display: boolean } | undefined {
  const classesOf = (element: Element) =>
    Array.isArray(element.properties.className) ? element.properties.className.map(String) : []
  if (node.tagName === 'code' && classesOf(node).includes('math-inline')) {
    return { tex: hastToString(node), display: false }
  }
  if (node.tagName !== 'pre') return undefined
  const code = codeOf(node)
  if (!code) return undefined
  const classes = classesOf(code)
  if (!classes.includes('math-display') && !classes.includes('language-math')) return undefined
  return { tex: hastToString(code), display: true }
}

function rowsOf(table: Element, section: 'thead' | 'tbody'): string[][] {
  const rows: string[][] = []
  for (const part of table.children) {
    if (part.type !== 'element' || part.tagName !== section) continue
    for (const row of part.children) {
      if (row.type !== 'element' || row.tagName !== 'tr') continue
      rows.push(
        row.children
          .filter((cell): cell is Element => cell.type === 'element')
          .map((cell) => hastToString(cell))
      )
    }
  }
  return rows
}

/** The language of a `<code>` from its `language-*` class. */
export function languageOf(code: Element): string | undefined {
  const classes = Array.isArray(code.properties.className) ? code.properties.className : []
  const found = classes.map(String).find((name) => name.startsWith('language-'))
  return found?.slice('language-'.length)
}
