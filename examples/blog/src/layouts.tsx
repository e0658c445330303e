import { type Layouts, type Page, type Pagination, raw, type Site, type Tag } from '@galley/core'
import type { BlogFrontmatter } from '@galley/frontmatter'
import type { Element, Root } from 'hast'
import type { Child } from 'hastscript'
import { styles } from './styles.ts'

// Layouts in JSX on hastscript's runtime (`jsxImportSource` in the repo's
// tsconfig; `galley build` compiles `.tsx` the same way): JSX builds hast,
// so text goes in as text and is escaped when the page is written.

type Post = Page<BlogFrontmatter>
type Blog = Site<BlogFrontmatter>

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' })

/** The page frame every layout shares. */
function document(site: Blog, title: string, main: ReadonlyArray<Child>): Root {
  return (
    <>
      {{ type: 'doctype' }}
      <html lang={site.language ?? 'en'}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
          <title>{title === site.title ? title : `${title} · ${site.title}`}</title>
          {site.description ? <meta name="description" content={site.description} /> : null}
          {site.feedUrl ? (
            <link
              rel="alternate"
              type="application/rss+xml"
              title={site.title}
              href={site.feedUrl}
            />
          ) : null}
          <style>{styles}</style>
        </head>
        <body>
          <header>
            <a class="site-title" href="/">
              {site.title}
            </a>
            <nav aria-label="Site">
              <a href="/">Posts</a>
              {site.archiveUrl ? <a href={site.archiveUrl}>Archive</a> : null}
              <a href="/tags/">Tags</a>
              <a href="/about/">About</a>
              {site.feedUrl ? <a href={site.feedUrl}>RSS</a> : null}
            </nav>
          </header>
          <main>{main as Child}</main>
          <footer>
            <p>{site.description ?? ''}</p>
          </footer>
        </body>
      </html>
    </>
  ) as Root
}

function time(date: Date): Element {
  return (
    <time datetime={date.toISOString().slice(0, 10)}>{dateFormat.format(date)}</time>
  ) as Element
}

/** “ · by Ann Baker”, from the author the post refers to (`content/authors/*.yaml`). */
function byline(page: Post): string {
  const entry = page.references?.author
  const author =
    entry && !Array.isArray(entry) ? (entry as { data: { name?: unknown } }).data : undefined
  return author && typeof author.name === 'string' ? ` · by ${author.name}` : ''
}

function tagLinks(site: Blog, names: ReadonlyArray<string>): Element {
  const tags = site.tags.filter((tag) => names.includes(tag.name))
  return (
    <ul class="tags">
      {tags.map((tag) => (
        <li>
          <a href={tag.url} rel="tag">{`#${tag.name}`}</a>
        </li>
      ))}
    </ul>
  ) as Element
}

function list(site: Blog, pages: ReadonlyArray<Post>): Element {
  return (
    <ol class="posts">
      {pages.map((page) => (
        <li>
          <a href={page.url}>{page.data.title}</a> {time(page.data.date)}
          {page.data.description ? <p>{page.data.description}</p> : null}
          {tagLinks(site, page.data.tags)}
        </li>
      ))}
    </ol>
  ) as Element
}

/** Links to the newer and older pages of a list split by `paginate`. */
function pager(pagination: Pagination<Post>): Element | null {
  if (pagination.total === 1) return null
  return (
    <nav class="pager" aria-label="Pages">
      {pagination.previous ? (
        <a href={pagination.previous} rel="prev">
          ← Newer
        </a>
      ) : null}
      <span>{`Page ${pagination.current} of ${pagination.total}`}</span>
      {pagination.next ? (
        <a href={pagination.next} rel="next">
          Older →
        </a>
      ) : null}
    </nav>
  ) as Element
}

/** A page of the `pages` collection, such as About. */
export function pageLayout(
  page: Page<{ title: string; description?: string | undefined }>,
  site: Site<BlogFrontmatter>
): Root {
  // The page's Markdown has its own `#` heading.
  return document(site, page.data.title, [<article>{raw(page.html)}</article>])
}

export const layouts: Layouts<BlogFrontmatter> = {
  post(page, site) {
    const related = page.related ?? []
    return document(site, page.data.title, [
      <article>
        <p class="meta">
          {time(page.data.date)}
          {byline(page)}
          {page.data.draft ? ' · draft' : ''}
        </p>
        {/* The rendered body is HTML from the Markdown pipeline: inserted as is. */}
        {raw(page.html)}
        {tagLinks(site, page.data.tags)}
        {related.length > 0 ? (
          <aside class="related">
            <h2>Related posts</h2>
            <ul>
              {related.map((other) => (
                <li>
                  <a href={other.url}>{other.title}</a>
                </li>
              ))}
            </ul>
          </aside>
        ) : null}
        <nav class="pager" aria-label="Older and newer posts">
          {page.previous ? (
            <a href={page.previous.url} rel="prev">{`← ${page.previous.title}`}</a>
          ) : null}
          {page.next ? <a href={page.next.url} rel="next">{`${page.next.title} →`}</a> : null}
        </nav>
      </article>
    ])
  },
  index(site, pagination) {
    const title = pagination.current === 1 ? site.title : `Posts, page ${pagination.current}`
    return document(site, title, [<h1>Posts</h1>, list(site, pagination.items), pager(pagination)])
  },
  tag(tag: Tag<BlogFrontmatter>, site, pagination) {
    return document(site, `#${tag.name}`, [
      <h1>{`Posts tagged #${tag.name}`}</h1>,
      list(site, pagination.items),
      pager(pagination),
      <p>
        <a href="/">All posts</a> · <a href="/tags/">All tags</a>
      </p>
    ])
  },
  terms(index, site) {
    return document(site, 'Tags', [
      <h1>Tags</h1>,
      <ul class="tags">
        {index.terms.map((tag) => (
          <li>
            <a href={tag.url} rel="tag">{`#${tag.name}`}</a>
            {` (${tag.pages.length})`}
          </li>
        ))}
      </ul>
    ])
  },
  archive(archive, site) {
    return document(site, 'Archive', [
      <h1>Archive</h1>,
      ...archive.years.map(({ year, pages }) => [
        <h2>{year}</h2>,
        <ul>
          {pages.map((page) => (
            <li>
              {time(page.data.date)} <a href={page.url}>{page.data.title}</a>
            </li>
          ))}
        </ul>
      ])
    ])
  },
  notFound(site) {
    return document(site, 'Page not found', [
      <h1>Page not found</h1>,
      <p>
        Nothing is baked at this address. Try the <a href="/">list of posts</a>.
      </p>
    ])
  }
}
