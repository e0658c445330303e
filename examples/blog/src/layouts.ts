import type { Layouts, Page, Pagination, Site, Tag } from '@galley/core'
import type { BlogFrontmatter } from '@galley/frontmatter'
import type { ElementContent, Root } from 'hast'
import { h } from 'hastscript'
import { styles } from './styles.ts'

type Post = Page<BlogFrontmatter>
type Blog = Site<BlogFrontmatter>

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' })

/** The page frame every layout shares. Text goes in as text: hastscript escapes it. */
function document(site: Blog, title: string, main: Array<ElementContent | null>): Root {
  return h(null, [
    { type: 'doctype' },
    h('html', { lang: site.language ?? 'en' }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
        h('link', { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' }),
        h('title', title === site.title ? title : `${title} · ${site.title}`),
        site.description ? h('meta', { name: 'description', content: site.description }) : null,
        site.feedUrl
          ? h('link', {
              rel: 'alternate',
              type: 'application/rss+xml',
              title: site.title,
              href: site.feedUrl
            })
          : null,
        h('style', styles)
      ]),
      h('body', [
        h('header', [
          h('a.site-title', { href: '/' }, site.title),
          h('nav', { ariaLabel: 'Site' }, [
            h('a', { href: '/' }, 'Posts'),
            h('a', { href: '/tags/' }, 'Tags'),
            h('a', { href: '/about/' }, 'About'),
            site.feedUrl ? h('a', { href: site.feedUrl }, 'RSS') : null
          ])
        ]),
        h('main', main),
        h('footer', [h('p', site.description ?? '')])
      ])
    ])
  ])
}

function time(date: Date): ElementContent {
  return h('time', { dateTime: date.toISOString().slice(0, 10) }, dateFormat.format(date))
}

/** “ · by Ann Baker”, from the author the post refers to (`content/authors/*.yaml`). */
function byline(page: Post): string {
  const entry = page.references?.author
  const author =
    entry && !Array.isArray(entry) ? (entry as { data: { name?: unknown } }).data : undefined
  return author && typeof author.name === 'string' ? ` · by ${author.name}` : ''
}

function tagLinks(site: Blog, names: ReadonlyArray<string>): ElementContent {
  const tags = site.tags.filter((tag) => names.includes(tag.name))
  return h(
    'ul.tags',
    tags.map((tag) => h('li', h('a', { href: tag.url, rel: 'tag' }, `#${tag.name}`)))
  )
}

function list(site: Blog, pages: ReadonlyArray<Post>): ElementContent {
  return h(
    'ol.posts',
    pages.map((page) =>
      h('li', [
        h('a', { href: page.url }, page.data.title),
        ' ',
        time(page.data.date),
        page.data.description ? h('p', page.data.description) : null,
        tagLinks(site, page.data.tags)
      ])
    )
  )
}

/** Links to the newer and older pages of a list split by `paginate`. */
function pager(pagination: Pagination<Post>): ElementContent | null {
  if (pagination.total === 1) return null
  return h('nav.pager', { ariaLabel: 'Pages' }, [
    pagination.previous ? h('a', { href: pagination.previous, rel: 'prev' }, '← Newer') : null,
    h('span', `Page ${pagination.current} of ${pagination.total}`),
    pagination.next ? h('a', { href: pagination.next, rel: 'next' }, 'Older →') : null
  ])
}

/** A page of the `pages` collection, such as About. */
export function pageLayout(
  page: Page<{ title: string; description?: string | undefined }>,
  site: Site<BlogFrontmatter>
): Root {
  // The page's Markdown has its own `#` heading.
  return document(site, page.data.title, [h('article', [{ type: 'raw', value: page.html }])])
}

export const layouts: Layouts<BlogFrontmatter> = {
  post(page, site) {
    return document(site, page.data.title, [
      h('article', [
        h('p.meta', [time(page.data.date), byline(page), page.data.draft ? ' · draft' : '']),
        // The rendered body is HTML from the Markdown pipeline: inserted as is.
        { type: 'raw', value: page.html },
        tagLinks(site, page.data.tags),
        page.related && page.related.length > 0
          ? h('aside.related', [
              h('h2', 'Related posts'),
              h(
                'ul',
                page.related.map((other) => h('li', h('a', { href: other.url }, other.title)))
              )
            ])
          : null,
        h('nav.pager', { ariaLabel: 'Older and newer posts' }, [
          page.previous
            ? h('a', { href: page.previous.url, rel: 'prev' }, `← ${page.previous.title}`)
            : null,
          page.next ? h('a', { href: page.next.url, rel: 'next' }, `${page.next.title} →`) : null
        ])
      ])
    ])
  },
  index(site, pagination) {
    const title = pagination.current === 1 ? site.title : `Posts, page ${pagination.current}`
    return document(site, title, [
      h('h1', 'Posts'),
      list(site, pagination.items),
      pager(pagination)
    ])
  },
  tag(tag: Tag<BlogFrontmatter>, site, pagination) {
    return document(site, `#${tag.name}`, [
      h('h1', `Posts tagged #${tag.name}`),
      list(site, pagination.items),
      pager(pagination),
      h('p', [h('a', { href: '/' }, 'All posts'), ' · ', h('a', { href: '/tags/' }, 'All tags')])
    ])
  },
  terms(index, site) {
    return document(site, 'Tags', [
      h('h1', 'Tags'),
      h(
        'ul.tags',
        index.terms.map((tag) =>
          h('li', [h('a', { href: tag.url, rel: 'tag' }, `#${tag.name}`), ` (${tag.pages.length})`])
        )
      )
    ])
  },
  notFound(site) {
    return document(site, 'Page not found', [
      h('h1', 'Page not found'),
      h('p', [
        'Nothing is baked at this address. Try the ',
        h('a', { href: '/' }, 'list of posts'),
        '.'
      ])
    ])
  }
}
