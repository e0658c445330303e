import type { Element, Root } from 'hast'
import type { VFile } from 'vfile'
import { eachElement } from './walk.js'

/** What a fence's meta (```` ```js title="a.js" {2} ````) says, as Galley reads it. */
export interface CodeMeta {
  /** `title="…"` (or `'…'`, or one word): the file name shown above the block. */
  title: string | undefined
  /** `showLineNumbers`: number the lines (with highlighting on). */
  lineNumbers: boolean
}

const titlePattern = /(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|([^\s"'{}]+))/
const lineNumbersPattern = /(?:^|\s)showLineNumbers(?=\s|$)/

/**
 * Read a fence's meta.
 *
 * @param meta
 *   Everything after the language on the fence's line.
 * @returns
 *   Title and line numbers.
 */
export function parseCodeMeta(meta: string | undefined): CodeMeta {
  if (!meta) return { title: undefined, lineNumbers: false }
  const match = titlePattern.exec(meta)
  const title = match ? (match[1] ?? match[2] ?? match[3]) : undefined
  return { title: title || undefined, lineNumbers: lineNumbersPattern.test(meta) }
}

/** The meta of a `<code>` inside `<pre>`, as remark-rehype keeps it (`data.meta`). */
export function metaOf(code: Element): string | undefined {
  const meta = (code.data as { meta?: unknown } | undefined)?.meta
  return typeof meta === 'string' && meta !== '' ? meta : undefined
}

/** The `<code>` of a `<pre>`, if any. */
export function codeOf(pre: Element): Element | undefined {
  return pre.children.find(
    (child): child is Element => child.type === 'element' && child.tagName === 'code'
  )
}

/**
 * Give code blocks with a `title="…"` in their meta a caption:
 * `<figure class="code-block"><figcaption class="code-title">a.js</figcaption><pre>…</pre></figure>`,
 * as Starlight and VitePress show a file name over a block. Runs after
 * highlighting (which keeps the `<pre>` element and its meta) and works
 * without it.
 *
 * @returns
 *   Transform.
 */
export function rehypeGalleyCodeTitles(): (tree: Root, file: VFile) => undefined {
  return (tree, file) => {
    // Most documents have no titled fence: no walk for them.
    if (!String(file.value ?? '').includes('title=')) return undefined
    const found: Array<{ parent: Root | Element; pre: Element; title: string }> = []
    const look = (parent: Root | Element) => {
      for (const child of parent.children) {
        if (child.type !== 'element' || child.tagName !== 'pre') continue
        const title = titleOf(child)
        if (title) found.push({ parent, pre: child, title })
      }
    }
    look(tree)
    eachElement(tree, (element) => {
      if (element.tagName === 'pre') return false
      look(element)
      return undefined
    })
    for (const { parent, pre, title } of found) {
      const index = parent.children.indexOf(pre)
      const figure: Element = {
        type: 'element',
        tagName: 'figure',
        properties: { className: ['code-block'] },
        children: [
          {
            type: 'element',
            tagName: 'figcaption',
            properties: { className: ['code-title'] },
            children: [{ type: 'text', value: title }]
          },
          pre
        ],
        ...(pre.position ? { position: pre.position } : {})
      }
      parent.children.splice(index, 1, figure)
    }
    return undefined
  }
}

function titleOf(pre: Element): string | undefined {
  const given = (pre.data as { galleyMeta?: unknown } | undefined)?.galleyMeta
  const meta = typeof given === 'string' ? given : undefined
  const code = codeOf(pre)
  return parseCodeMeta(meta ?? (code ? metaOf(code) : undefined)).title
}
