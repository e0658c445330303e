import type { Element, Nodes, Root } from 'hast'
import type { VFile } from 'vfile'

/**
 * Characters an HTML document may not hold (each is a parse error, and
 * html-validate refuses it): controls other than ASCII whitespace, DEL and
 * the C1 controls, noncharacters (U+FFFE, U+FDD0…), and lone surrogates.
 * Markdown keeps them as written, and numeric references such as `&#7;`
 * make them; a browser shows them as nothing or a box.
 */
const forbidden = /[\p{Cc}\p{Noncharacter_Code_Point}\p{Cs}]/u
const allowed = new Set(['\t', '\n', '\f', '\r'])

/**
 * `text` with every character an HTML document may not hold replaced by
 * U+FFFD (the replacement character), as micromark does with NUL.
 *
 * @param text
 *   HTML, or text to put in it.
 * @returns
 *   The same text, or a copy with those characters replaced.
 */
export function htmlCharacters(text: string): string {
  if (!forbidden.test(text)) return text
  let result = ''
  for (const character of text) {
    result += forbidden.test(character) && !allowed.has(character) ? '\uFFFD' : character
  }
  return result
}

/**
 * Elements whose text a parser reads as written, references and all, but
 * that `hast-util-to-html` escapes (it writes only `script` and `style` as
 * written): `<xmp>&lt;b></xmp>` would show `&lt;b>`.
 */
const rawText = new Set(['iframe', 'noembed', 'noframes', 'xmp'])

/** Elements whose first line feed a parser drops. */
const leadingLineFeed = new Set(['pre', 'textarea', 'listing'])

/**
 * Make the HTML read back as the tree it is written from: replace, in
 * text, comments and attribute values, the characters an HTML document may
 * not hold (`htmlCharacters`); keep the text of `xmp`, `iframe`, `noembed`
 * and `noframes` as written (a parser does not read references there);
 * and double the line feed that opens a `pre`, `textarea` or `listing`
 * (raw HTML left with one once sanitizing removed what came before it),
 * since a parser drops the first. The tree is walked only when the file's
 * text holds such a character, a numeric reference, or HTML.
 */
export function rehypeGalleyWellFormed() {
  return (tree: Root, file: VFile): void => {
    const source = typeof file.value === 'string' ? file.value : String(file)
    if (!forbidden.test(source) && !source.includes('&#') && !source.includes('<')) return
    if (/<a[\s>]/i.test(source)) unnestLinks(tree, false)
    const stack: Nodes[] = [tree]
    while (stack.length > 0) {
      const node = stack.pop() as Nodes
      if (node.type === 'text' || node.type === 'comment') {
        node.value = htmlCharacters(node.value)
      } else if (node.type === 'element') {
        element(node)
        if (node.content) stack.push(node.content)
      }
      // One by one: a list of 100,000 items would overflow the call stack as arguments.
      if ('children' in node) for (const child of node.children) stack.push(child)
    }
  }
}

/**
 * An attribute name a parser reads as written: none of whitespace, quotes,
 * `&`, `<`, `>`, `/`, `=`, a backtick (`hast-util-to-html` writes them as
 * references, which a parser then reads as part of the name), nor a
 * character HTML forbids.
 */
const attributeName = /^[^\s"'&<>/=`]+$/

function element(node: Element): void {
  // Raw HTML such as `<word\uD800>`: a name is text too.
  node.tagName = htmlCharacters(node.tagName)
  for (const [key, value] of Object.entries(node.properties)) {
    if (!attributeName.test(key) || forbidden.test(key)) {
      // Raw HTML such as `<x html,<script>`: a name no writer can write.
      delete node.properties[key]
    } else if (typeof value === 'string') {
      // own-key: a property the element has already.
      node.properties[key] = htmlCharacters(value)
    } else if (Array.isArray(value)) {
      // own-key: a property the element has already.
      node.properties[key] = value.map((item) =>
        typeof item === 'string' ? htmlCharacters(item) : item
      )
    }
  }
  const first = node.children[0]
  if (leadingLineFeed.has(node.tagName) && first?.type === 'text' && first.value.startsWith('\n')) {
    first.value = `\n${first.value}`
  }
  if (rawText.has(node.tagName)) {
    const closing = new RegExp(`</${node.tagName}`, 'i')
    node.children = node.children.map((child) =>
      // Text that would close the element stays escaped.
      child.type === 'text' && !closing.test(child.value)
        ? { type: 'raw', value: htmlCharacters(child.value) }
        : child
    )
  }
}

/**
 * A link inside a link (raw HTML `<a href>` left open around Markdown
 * links) cannot be written: a parser closes the outer one at the inner
 * one. The outer link gives way, its content kept, so the inner links
 * stay links.
 */
function unnestLinks(node: Root | Element, inside: boolean): boolean {
  let found = false
  for (const child of node.children) {
    if (child.type !== 'element') continue
    const isLink = child.tagName === 'a'
    if (unnestLinks(child, inside || isLink) || (isLink && inside)) found = true
  }
  if (found) {
    node.children = node.children.flatMap((child) =>
      child.type === 'element' && child.tagName === 'a' && contains(child, 'a')
        ? child.children
        : [child]
    )
  }
  return found
}

function contains(node: Element, tagName: string): boolean {
  return node.children.some(
    (child) => child.type === 'element' && (child.tagName === tagName || contains(child, tagName))
  )
}
