import type { Element, Root } from 'xast'
import { toXml } from 'xast-util-to-xml'

// Characters XML 1.0 does not allow: C0 controls other than tab, line feed
// and carriage return, U+FFFE and U+FFFF, and lone surrogates.
const forbidden =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters to remove.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/**
 * Remove the characters XML 1.0 forbids, so a stray control character copied
 * into a title never makes the document ill-formed.
 *
 * @param value
 *   Text.
 * @returns
 *   Text that can go in an XML document.
 */
export function clean(value: string): string {
  return value.replace(forbidden, '')
}

/** RFC 822 date with English names and a four-digit year: `Mon, 23 Apr 2018 00:00:00 GMT` (RSS). */
export function rfc822(date: Date): string {
  return date.toUTCString()
}

/** RFC 3339 date-time with an offset: `2018-04-23T00:00:00Z` (Atom, JSON Feed). */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z')
}

/** The XML declaration, an optional stylesheet, the document, a final line feed. */
export function serialize(root: Element, stylesheet: string | undefined): string {
  const children: Root['children'] = [
    { type: 'instruction', name: 'xml', value: 'version="1.0" encoding="utf-8"' }
  ]
  if (stylesheet) {
    children.push({
      type: 'instruction',
      name: 'xml-stylesheet',
      value: `type="text/xsl" href="${escapeAttribute(stylesheet)}"`
    })
  }
  children.push(root)
  // `]]>` may not appear in character data, and xast-util-to-xml leaves `>`
  // alone in text; markup never contains it, so every one left is text.
  return `${toXml({ type: 'root', children }).replaceAll(']]>', ']]&#x3E;')}\n`
}

function escapeAttribute(value: string): string {
  return clean(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
}
