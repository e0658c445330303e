import type { Element, ElementContent, Properties, Root, RootContent } from 'hast'
import { fromHtml } from 'hast-util-from-html'
import { toHtml } from 'hast-util-to-html'

/** Properties (hast names) that hold one URL. */
const urlProperties: ReadonlyArray<string> = Object.freeze([
  'action',
  'background',
  'cite',
  'codeBase',
  'data',
  'dynsrc',
  'formAction',
  'href',
  'icon',
  'longDesc',
  'lowsrc',
  'manifest',
  'poster',
  'src',
  'xLinkHref'
])

/**
 * Elements removed with everything in them: they run script, load other
 * documents, change the page around the item (`base`, `meta`, `link`,
 * `style`), animate an attribute into a `javascript:` URL (SVG `set`,
 * `animate`), or are parsed differently by readers with scripting off
 * (`noscript` and the other raw-text elements, the classic mutation-XSS
 * vectors). `template` content is not a child in hast, so it goes too.
 */
const unsafeElements: ReadonlySet<string> = new Set([
  'animate',
  'animateMotion',
  'animateTransform',
  'applet',
  'base',
  'embed',
  'frame',
  'frameset',
  'iframe',
  'link',
  'meta',
  'noembed',
  'noframes',
  'noscript',
  'object',
  'plaintext',
  'portal',
  'script',
  'set',
  'style',
  'template',
  'xmp'
])

/**
 * Classes of elements that only make sense with the site's stylesheet,
 * dropped from feeds (which readers show without it): KaTeX's HTML copy
 * of a formula (`.katex-html`, hidden from screen readers; the MathML copy
 * beside it is what a reader shows) and heading anchor links
 * (`.heading-anchor`).
 */
const presentational: ReadonlySet<string> = new Set(['katex-html', 'heading-anchor'])

/** What `name` values get in front, so they cannot clobber `document`. */
const prefix = 'user-content-'

/** Protocols a URL in feed content may have; anything else is removed. */
const allowedProtocols: ReadonlySet<string> = new Set([
  'ftp:',
  'http:',
  'https:',
  'irc:',
  'ircs:',
  'mailto:',
  'tel:',
  'xmpp:'
])

/**
 * Prepare an item's HTML for a feed: parse it (never regexes), make every URL
 * absolute against the item's URL (`href`, `src`, `srcset`, `poster`, …; code
 * blocks keep their URLs as written), and, unless `unsafe`, make it safe for
 * a reader to show: the elements above, comments, `on*` handlers, `style`
 * and `srcdoc` are removed, `name` values and the ids of every element but
 * a heading get a `user-content-` prefix (DOM clobbering), and every URL
 * whose protocol is not
 * `http:`, `https:`, `mailto:`, `tel:`, `ftp:`, `irc:`, `ircs:` or `xmpp:`
 * is removed (images may also be `data:image/…`). KaTeX's HTML copy of each
 * formula and heading anchor links are dropped in any case: without the
 * site's stylesheet they show as clutter (readers show the MathML). Protocols are read the way browsers
 * read them — from the parsed URL, after entities are decoded and the tabs,
 * newlines and control characters browsers ignore are dropped — so
 * `jav&#x0A;ascript:` is `javascript:` and is removed.
 *
 * @param html
 *   Content.
 * @param base
 *   The item's URL.
 * @param unsafe
 *   Keep scripts, handlers and every URL.
 * @returns
 *   HTML for the feed.
 */
export function feedContent(html: string, base: URL, unsafe: boolean): string {
  const tree = fromHtml(html, { fragment: true })
  walk(tree, base, unsafe, false)
  return toHtml(tree)
}

function walk(parent: Root | Element, base: URL, unsafe: boolean, inCode: boolean): void {
  const kept: Array<RootContent | ElementContent> = []
  for (const child of parent.children) {
    if (child.type === 'comment' && !unsafe) continue
    if (child.type !== 'element') {
      kept.push(child)
      continue
    }
    if (!unsafe && unsafeElements.has(child.tagName)) continue
    if (isPresentational(child)) continue
    clean(child, base, unsafe, inCode)
    // Code is shown as written: URLs inside `<pre>` stay relative.
    walk(child, base, unsafe, inCode || child.tagName === 'pre')
    kept.push(child)
  }
  parent.children = kept as typeof parent.children
}

function isPresentational(element: Element): boolean {
  const classes = element.properties.className
  return Array.isArray(classes) && classes.some((name) => presentational.has(String(name)))
}

function clean(element: Element, base: URL, unsafe: boolean, inCode: boolean): void {
  const properties: Properties = element.properties
  for (const key of Object.keys(properties)) {
    if (!unsafe && (/^on/i.test(key) || key === 'style' || key === 'srcDoc')) {
      delete properties[key]
    }
  }
  // `name="cookie"` on an image would replace `document.cookie` in a reader
  // that shows the item inline: prefixed as GitHub (and rehype-sanitize) do.
  if (!unsafe && typeof properties.name === 'string' && !properties.name.startsWith(prefix)) {
    properties.name = prefix + properties.name
  }
  // So are ids, but a heading's: `<img id="cookie" name="x">` reaches
  // `document.cookie` too; no heading is reachable by its id.
  const id = properties.id
  if (!unsafe && typeof id === 'string' && id !== '' && !/^h[1-6]$/.test(element.tagName)) {
    if (!id.startsWith(prefix)) properties.id = prefix + id
  }
  const image = element.tagName === 'img' || element.tagName === 'source'
  for (const key of urlProperties) {
    if (!Object.hasOwn(properties, key)) continue
    const value = properties[key]
    const url = typeof value === 'string' ? resolve(value, base, unsafe, inCode, image) : undefined
    if (url === undefined) {
      delete properties[key]
      continue
    }
    // own-key: `key` is one of `urlProperties`, never from content.
    properties[key] = url
  }
  if (Object.hasOwn(properties, 'ping')) {
    const list = properties.ping
    const items = (Array.isArray(list) ? list : String(list).split(/\s+/)).map(String)
    const urls = items.flatMap((item) => resolve(item, base, unsafe, inCode, false) ?? [])
    if (urls.length === 0) delete properties.ping
    else properties.ping = urls
  }
  if (Object.hasOwn(properties, 'srcSet')) {
    const srcset = properties.srcSet
    const items = Array.isArray(srcset) ? srcset.map(String) : String(srcset).split(/,\s+/)
    const candidates = items.flatMap((item) => {
      const [url = '', ...rest] = item.trim().split(/\s+/)
      const resolved = resolve(url, base, unsafe, inCode, true)
      return resolved === undefined ? [] : [[resolved, ...rest].join(' ')]
    })
    if (candidates.length === 0) delete properties.srcSet
    else properties.srcSet = candidates.join(', ')
  }
}

/**
 * A URL as a reader would follow it: absolute (unless in code), or
 * `undefined` when it must go (unsafe protocol, or not a URL at all).
 */
function resolve(
  value: string,
  base: URL,
  unsafe: boolean,
  inCode: boolean,
  image: boolean
): string | undefined {
  let url: URL
  try {
    url = new URL(value, base)
  } catch {
    return unsafe ? value : undefined
  }
  if (!unsafe && !allowedProtocols.has(url.protocol)) {
    const inlineImage = image && url.protocol === 'data:' && /^image\//i.test(url.pathname)
    if (!inlineImage) return undefined
  }
  return inCode ? value : url.href
}
