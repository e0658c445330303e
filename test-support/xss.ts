import type { Element, Nodes } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import type { Nodes as XastNodes } from 'xast'
import { fromXml } from 'xast-util-from-xml'

const executableElements = new Set([
  'animate',
  'applet',
  'base',
  'embed',
  'frame',
  'frameset',
  'iframe',
  'link',
  'meta',
  'noscript',
  'object',
  'script',
  'set',
  'style',
  'template',
  'xmp'
])

const urlProperties = [
  'action',
  'background',
  'cite',
  'data',
  'formAction',
  'href',
  'longDesc',
  'poster',
  'src',
  'xLinkHref'
]

const safeProtocols = new Set([
  'http:',
  'https:',
  'mailto:',
  'tel:',
  'ftp:',
  'irc:',
  'ircs:',
  'xmpp:'
])

/** Names that, as a `name` or `id`, would replace a property of `document` or `window`. */
const documentProperties = new Set([
  'cookie',
  'domain',
  'getElementById',
  'body',
  'forms',
  'location',
  'images',
  'links',
  'defaultView'
])

/**
 * Everything in `html` (parsed with parse5, as a browser or feed reader
 * parses it) that could run script or clobber `document`: handler
 * attributes, script-bearing elements, `style` attributes, comments, and
 * URLs whose protocol — read as a browser reads it — is not a safe one.
 *
 * @returns
 *   One line per finding; empty when the HTML is safe.
 */
export function executableParts(html: string): string[] {
  const found: string[] = []
  const visit = (node: Nodes): void => {
    if (node.type === 'comment') found.push(`comment <!--${node.value}-->`)
    if (node.type === 'element') inspect(node, found)
    if ('children' in node) for (const child of node.children) visit(child)
    if (node.type === 'element' && node.content) visit(node.content)
  }
  // A whole page keeps its `<body>` attributes only when parsed as a document.
  visit(fromHtml(html, { fragment: !/^\s*<(!doctype|html)/i.test(html) }))
  return found
}

function inspect(element: Element, found: string[]): void {
  if (executableElements.has(element.tagName)) found.push(`<${element.tagName}>`)
  for (const [key, value] of Object.entries(element.properties)) {
    if (/^on/i.test(key)) found.push(`<${element.tagName} ${key}>`)
    if (key === 'style') found.push(`<${element.tagName} style>`)
    // A heading's id is an anchor: `document` exposes no heading by id.
    const exposed = key === 'name' || (key === 'id' && !/^h[1-6]$/.test(element.tagName))
    if (exposed && documentProperties.has(String(value))) {
      found.push(`<${element.tagName} ${key}=${String(value)}>`)
    }
    if (key === 'srcDoc') found.push(`<${element.tagName} srcdoc>`)
  }
  const urls = urlProperties.flatMap((key) => {
    const value = element.properties[key]
    return typeof value === 'string' ? [value] : []
  })
  const srcset = element.properties.srcSet
  if (srcset)
    urls.push(
      ...String(srcset)
        .split(/,\s*/)
        .map((item) => item.trim().split(/\s+/)[0] ?? '')
    )
  for (const value of urls) {
    let protocol: string
    try {
      protocol = new URL(value, 'https://example.test/').protocol
    } catch {
      continue
    }
    const image = element.tagName === 'img' && /^data:image\//i.test(value.trim())
    if (!safeProtocols.has(protocol) && !image) found.push(`<${element.tagName}> ${protocol} URL`)
  }
}

/**
 * The HTML of every item of a feed, whatever its format: RSS
 * `content:encoded` and `description`, Atom `content` and `summary`, JSON
 * Feed `content_html`.
 *
 * @param text
 *   The feed as written.
 * @returns
 *   HTML of each item.
 */
export function feedItemsHtml(text: string): string[] {
  if (text.trimStart().startsWith('{')) {
    const feed = JSON.parse(text) as { items: Array<{ content_html?: string }> }
    return feed.items.flatMap((item) =>
      item.content_html === undefined ? [] : [item.content_html]
    )
  }
  const html: string[] = []
  const visit = (node: XastNodes): void => {
    if (node.type === 'element' && htmlElements.has(node.name)) html.push(textOf(node))
    if ('children' in node) for (const child of node.children) visit(child)
  }
  visit(fromXml(text))
  return html
}

const htmlElements = new Set(['content:encoded', 'content'])

function textOf(node: XastNodes): string {
  if (node.type === 'text' || node.type === 'cdata') return node.value
  return 'children' in node ? node.children.map(textOf).join('') : ''
}
