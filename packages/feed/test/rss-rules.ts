import { fromHtml } from 'hast-util-from-html'
import { visit } from 'unist-util-visit'
import type { Element, Root } from 'xast'
import { fromXml } from 'xast-util-from-xml'

/**
 * RSS checks named after the W3C Feed Validation Service's rule ids: the ones
 * readers and aggregators trip over. Returns the ids of the rules broken.
 */
export function rssRules(xml: string): string[] {
  const broken = new Set<string>()
  const tree = fromXml(xml) as Root
  const rss = tree.children.find(
    (node): node is Element => node.type === 'element' && node.name === 'rss'
  )
  const channel = rss ? children(rss, 'channel')[0] : undefined
  if (!rss || !channel) return ['NotRSS']

  // Every prefix used on an element or attribute is declared on <rss>.
  const declared = new Set(
    Object.keys(rss.attributes)
      .filter((name) => name.startsWith('xmlns:'))
      .map((name) => name.slice(6))
  )
  walk(rss, (node) => {
    for (const name of [node.name, ...Object.keys(node.attributes)]) {
      const prefix = name.includes(':') ? name.split(':')[0] : undefined
      if (prefix && prefix !== 'xmlns' && prefix !== 'xml' && !declared.has(prefix))
        broken.add('UndeclaredPrefix')
    }
  })

  for (const name of ['title', 'link', 'description']) {
    if (children(channel, name).length !== 1) broken.add(`MissingElement:${name}`)
  }
  const self = children(channel, 'atom:link').find((link) => link.attributes.rel === 'self')
  if (!self) broken.add('MissingAtomSelfLink')

  const dates = [...children(channel, 'lastBuildDate'), ...children(channel, 'pubDate')]
  for (const item of children(channel, 'item')) {
    if (children(item, 'title').length === 0 && children(item, 'description').length === 0) {
      broken.add('ItemMustContainTitleOrDescription')
    }
    dates.push(...children(item, 'pubDate'))
    for (const author of children(item, 'author')) {
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+( \(.+\))?$/.test(text(author))) broken.add('InvalidContact')
    }
    for (const guid of children(item, 'guid')) {
      if (guid.attributes.isPermaLink !== 'false' && !/^https?:\/\//.test(text(guid)))
        broken.add('InvalidPermalink')
    }
    for (const link of children(item, 'link')) {
      if (!/^https?:\/\//.test(text(link))) broken.add('InvalidURLAttribute')
    }
    for (const content of [
      ...children(item, 'content:encoded'),
      ...children(item, 'description')
    ]) {
      visit(fromHtml(text(content), { fragment: true }), 'element', (element) => {
        for (const name of ['href', 'src']) {
          const value = element.properties[name]
          if (typeof value === 'string' && !/^(?:[a-z][a-z\d+.-]*:|#)/i.test(value))
            broken.add('ContainsRelRef')
        }
      })
    }
  }
  for (const date of dates) {
    if (
      !/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/.test(
        text(date)
      )
    ) {
      broken.add('InvalidRFC2822Date')
    }
  }
  return [...broken].sort()
}

function children(node: Element, name: string): Element[] {
  return node.children.filter(
    (child): child is Element => child.type === 'element' && child.name === name
  )
}

function text(node: Element): string {
  return node.children
    .map((child) => ('value' in child ? child.value : child.type === 'element' ? text(child) : ''))
    .join('')
}

function walk(node: Element, visit: (element: Element) => void): void {
  visit(node)
  for (const child of node.children) if (child.type === 'element') walk(child, visit)
}
