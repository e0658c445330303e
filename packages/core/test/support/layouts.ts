import { raw } from '@galley/core'
import type { Root } from 'hast'
import { h } from 'hastscript'

/** A whole HTML document around `body`, titled. */
export const document = (title: string, body: Root['children']): Root =>
  h(null, [{ type: 'doctype' }, h('html', [h('head', h('title', title)), h('body', body)])]) as Root

/**
 * Layouts of whole documents with nothing of their own that could run:
 * what the security and property tests look through for anything
 * executable, so whatever they find came from the content.
 */
export const plainLayouts = {
  post: (page: { data: { title: string }; html: string }): Root =>
    document(page.data.title, [h('main', [h('h1', page.data.title), raw(page.html)])]),
  index: (site: { pages: ReadonlyArray<{ url: string; data: { title: string } }> }): Root =>
    document('Home', [
      h(
        'ul',
        site.pages.map((page) => h('li', h('a', { href: page.url }, page.data.title)))
      )
    ]),
  tag: (tag: { name: string }): Root => document(tag.name, [h('p', tag.name)]),
  notFound: (): Root => document('Not found', [h('p', 'Not found')])
}
