import type { Element, ElementContent } from 'hast'
import type { Link, Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast'
import type { Processor } from 'unified'
import type { VFile } from 'vfile'
import { beforeParse } from './before-parse.js'
import { source } from './source.js'
import { parsedText } from './text.js'

/** One Hugo shortcode call: `{{< name args >}}` or `{{% name args %}}`. */
const call = /\{\{([<%])\s*(\/?)([\w-]+)((?:[^"'>%}]|"[^"]*"|'[^']*'|`[^`]*`)*?)\s*[>%]\}\}/g

/** `[label]({{< ref "path" >}})`, as Hugo writes a link to another page. */
const refLink =
  /\[([^\]\n]*)\]\(\s*\{\{([<%])\s*(rel)?ref\s+((?:"[^"]*"|'[^']*'|`[^`]*`|[^\s"'%>}]+))\s*[>%]\}\}\s*\)/g

/**
 * Read Hugo's shortcodes where writers put them, so a Hugo content folder
 * renders as it is: `[label]({{< ref "other.md" >}})` (and `relref`) is a
 * link to the file, resolved and checked like `[label](other.md)`;
 * `{{< figure src="a.jpg" alt="…" caption="…" >}}` on its own line is a
 * `<figure>` with its image (and `link`, `title`, `caption`, `width`,
 * `height`, `class`); `{{< highlight go >}}` … `{{< /highlight >}}` is a
 * code block of the lines between, as written; any other shortcode stays as text, with a warning
 * at its place naming it (`unknown-shortcode`). Only text as written is
 * read: a shortcode in code, or escaped with Hugo's comment marks, is left
 * alone.
 * It runs before the user's plugins, so the text it looks at is the file's.
 *
 * @returns
 *   Transform.
 */
export function remarkGalleyShortcodes(this: Processor): (tree: Root, file: VFile) => undefined {
  // `highlight` spans blocks: it is read from the text, before the parse
  // (so the plugin goes after `remark-parse`).
  const parse = this.parser
  if (parse) this.parser = (document, file) => parse(beforeParse(document), file)
  return (tree, file) => {
    const text = parsedText(tree, file)
    // A shortcode is `{{<` or `{{%` as written: without those, there is none.
    if (
      text === undefined ||
      (!text.includes('{{<') && !text.includes('{{%') && !text.includes('{%'))
    ) {
      return undefined
    }
    walk(tree, text, file)
    return undefined
  }
}

type Parent = { children: Array<RootContent | PhrasingContent> }

function walk(parent: Parent, text: string, file: VFile): void {
  for (let index = 0; index < parent.children.length; index++) {
    const node = parent.children[index] as RootContent
    if (node.type === 'paragraph') {
      const figure = figureOf(node, text)
      if (figure) {
        // own-key: `index` is an index.
        parent.children[index] = figure
        continue
      }
      links(node)
      warnUnknown(node, file)
      continue
    }
    if ('children' in node && node.type !== 'heading') walk(node as Parent, text, file)
    else if (node.type === 'heading') {
      links(node as unknown as Paragraph)
      warnUnknown(node as unknown as Paragraph, file)
    }
  }
}

/**
 * A paragraph that is one `figure` shortcode, as Hugo renders it:
 * `<figure>` with its image (in a link with `link`) and a `<figcaption>`
 * (`caption`, else `title`); else `undefined`.
 */
function figureOf(node: Paragraph, text: string): RootContent | undefined {
  const start = node.position?.start.offset
  const end = node.position?.end.offset
  if (start === undefined || end === undefined) return undefined
  const written = text.slice(start, end).trim()
  const found = /^\{\{([<%])\s*figure\b((?:[^"'>%}]|"[^"]*"|'[^']*'|`[^`]*`)*?)\s*[>%]\}\}$/.exec(
    written
  )
  if (!found) return undefined
  const args = attributes(found[2] ?? '')
  const src = args.get('src')
  if (!src) return undefined
  const own = (key: string) => args.get(key)
  const image: Element = {
    type: 'element',
    tagName: 'img',
    properties: {
      src,
      alt: own('alt') ?? '',
      ...(own('title') ? { title: own('title') } : {}),
      ...(own('width') ? { width: own('width') } : {}),
      ...(own('height') ? { height: own('height') } : {})
    },
    children: [],
    position: node.position
  }
  const link = own('link')
  const caption = own('caption') ?? own('title')
  const children: ElementContent[] = [
    link
      ? {
          type: 'element',
          tagName: 'a',
          properties: { href: link },
          children: [image],
          position: node.position
        }
      : image
  ]
  if (caption) {
    children.push({
      type: 'element',
      tagName: 'figcaption',
      properties: {},
      children: [{ type: 'text', value: caption }]
    })
  }
  return {
    type: 'paragraph',
    children: [],
    position: node.position,
    data: {
      hName: 'figure',
      hProperties: own('class') ? { className: [own('class') as string] } : {},
      hChildren: children
    }
  }
}

/** Turn `[label]({{< ref "x.md" >}})` inside text nodes into links to `x.md`. */
function links(node: Paragraph): void {
  const out: PhrasingContent[] = []
  let changed = false
  for (const child of node.children) {
    if (child.type !== 'text' || !child.value.includes('ref')) {
      out.push(child)
      continue
    }
    let last = 0
    for (const match of child.value.matchAll(refLink)) {
      const at = match.index ?? 0
      if (at > last) out.push(slice(child, last, at))
      const link: Link = {
        type: 'link',
        url: refTarget(unquote(match[4] ?? '')),
        children: [{ type: 'text', value: match[1] ?? '' }],
        position: place(child, at, at + match[0].length),
        // Resolved against the page's folder, then from the content folder.
        data: { galleyRef: true } as Link['data']
      }
      out.push(link)
      last = at + match[0].length
      changed = true
    }
    if (last === 0) out.push(child)
    else if (last < child.value.length) out.push(slice(child, last, child.value.length))
  }
  if (changed) node.children = out
}

/**
 * Warn about each shortcode left in a paragraph's text, at its place (at
 * the paragraph, when the text has none: one GFM split off a URL).
 */
function warnUnknown(node: Paragraph, file: VFile): void {
  for (const child of node.children) {
    if (child.type !== 'text') continue
    for (const match of child.value.matchAll(call)) {
      if (match[2] === '/') continue
      const name = match[3] ?? ''
      const at = match.index ?? 0
      const message = file.message(
        `Unexpected Hugo shortcode \`${name}\`: Galley reads \`ref\` and \`relref\` in links, \`figure\` on its own line and \`highlight\` around code, and leaves others as text; write it as Markdown or HTML`,
        {
          place: place(child, at, at + match[0].length) ?? child.position ?? node.position,
          ruleId: 'unknown-shortcode',
          source
        }
      )
      message.expected = ['ref', 'relref', 'figure', 'highlight']
    }
    for (const match of child.value.matchAll(liquidTag)) {
      const name = match[1] ?? ''
      if (name.startsWith('end')) continue
      const at = match.index ?? 0
      const message = file.message(
        `Unexpected Jekyll tag \`${name}\`: Galley reads \`post_url\` and \`link\` in links and \`highlight\` around code, and leaves others as text; write it as Markdown or HTML`,
        {
          place: place(child, at, at + match[0].length) ?? child.position ?? node.position,
          ruleId: 'unknown-shortcode',
          source
        }
      )
      message.expected = ['post_url', 'link', 'highlight']
    }
  }
}

/** A Jekyll (Liquid) tag: `{% include note.html %}`. */
const liquidTag = /(?<!\{)\{%-?\s*(\w+)[^%]*?-?%\}/g

/** `name="value"` pairs of a shortcode call (quoted with `"`, `'` or `` ` ``). */
function attributes(text: string): Map<string, string> {
  const found = new Map<string, string>()
  for (const match of text.matchAll(
    /([\w-]+)\s*=\s*("([^"]*)"|'([^']*)'|`([^`]*)`|([^\s"'`]+))/g
  )) {
    found.set(match[1] ?? '', match[3] ?? match[4] ?? match[5] ?? match[6] ?? '')
  }
  return found
}

/**
 * A `ref` path as a link to a file: Hugo takes it with or without its
 * extension (`"trip"`, `"trip#day-2"`), so one without gets `.md`.
 */
function refTarget(value: string): string {
  const match = /^([^?#]*)(.*)$/.exec(value) as RegExpExecArray
  const path = match[1] ?? ''
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (path === '' || name.includes('.')) return value
  return `${path.replace(/\/$/, '')}.md${match[2] ?? ''}`
}

function unquote(value: string): string {
  return /^(["'`]).*\1$/.test(value) ? value.slice(1, -1) : value
}

/** Part of a text node, with its place when the node's text is its source's. */
function slice(node: Text, from: number, to: number): Text {
  const part: Text = { type: 'text', value: node.value.slice(from, to) }
  const where = place(node, from, to)
  if (where) part.position = where
  return part
}

/**
 * The place of characters `from`–`to` of a text node: only when its value
 * is its source as written on one line (no escapes, no line breaks), so
 * offsets map one to one.
 */
function place(node: Text, from: number, to: number): Text['position'] | undefined {
  const position = node.position
  if (!position) return undefined
  const { start, end } = position
  if (start.offset === undefined || end.offset === undefined) return undefined
  if (end.offset - start.offset !== node.value.length || start.line !== end.line) return undefined
  return {
    start: { line: start.line, column: start.column + from, offset: start.offset + from },
    end: { line: start.line, column: start.column + to, offset: start.offset + to }
  }
}
