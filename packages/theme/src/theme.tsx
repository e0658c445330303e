import { type Layouts, type Page, type PostData, raw, type Site, termsOf } from '@galley/core'
import type { Element, Root } from 'hast'
import type { Child } from 'hastscript'
import { frame } from './frame.js'
import { authorOf } from './head.js'
import { type Settings, settingsOf, type ThemeOptions } from './options.js'
import { label, pager, postList, termLinks, termTitle, time } from './parts.js'

type Post = Page<PostData>

/** Every layout of the theme: `Layouts`, and `page` for other collections' entries. */
export interface Theme extends Layouts<PostData> {
  /** An entry of another content collection (an About page): its `layout`. */
  page(page: Page<PostData>, site: Site<unknown>): Root
}

/**
 * Galley's default theme: the layouts of a blog (posts, the home page with
 * its numbered pages, term pages and each taxonomy's index, the archive
 * of every post by year, 404, and a
 * layout for other collections' pages), each page with complete `<head>`
 * metadata (`headOf`) and an inlined stylesheet: readable on phones down to
 * 360 px, light and dark by the reader's setting, usable by keyboard (skip
 * link, visible focus), with landmarks and headings in order, and no
 * JavaScript. `galley build` uses it when a config gives no layouts, and
 * fills in the ones a config leaves out.
 *
 * @param options
 *   Navigation, accent colour, date format, author, preview image (optional).
 * @returns
 *   Layouts.
 */
export function theme(options?: Readonly<ThemeOptions> | null): Theme {
  const settings = settingsOf(options)
  return {
    post: (page, site) => postPage(settings, page, site),
    index(site, pagination) {
      const first = pagination.current === 1
      // Hugo's `_index.md` of the home page: its title and introduction.
      const intro = first ? introOf(site, pagination.url) : undefined
      const heading =
        intro?.data.title ?? (first ? site.title : `Posts, page ${pagination.current}`)
      return frame(
        settings,
        {
          site,
          title: first ? site.title : heading,
          url: pagination.url,
          description: intro?.data.description
        },
        [
          intro && hasOwnTitle(intro) ? undefined : <h1>{heading}</h1>,
          intro ? raw(intro.html) : undefined,
          site.description && first && !intro ? (
            <p class="kicker">{site.description}</p>
          ) : undefined,
          pagination.items.length > 0 ? (
            postList(settings, site, pagination.items)
          ) : (
            <p>No posts yet.</p>
          ),
          pager(pagination)
        ] as Child[]
      )
    },
    tag(term, site, pagination) {
      // A section's list (`/posts/`) takes its title from its `_index.md`.
      const intro = term.taxonomy === 'section' ? introOf(site, term.url) : undefined
      const title = intro?.data.title ?? termTitle(term)
      const index = Object.hasOwn(site.termIndexes, term.taxonomy)
        ? site.termIndexes[term.taxonomy]
        : undefined
      // Only a taxonomy's terms have feeds of their own.
      const taxonomy = Object.hasOwn(site.taxonomies, term.taxonomy)
      const feed = taxonomy && site.feeds?.term ? `${term.url}${site.feeds.term.rss}` : undefined
      const count = term.pages.length
      return frame(
        settings,
        {
          site,
          title: pagination.current === 1 ? title : `${title}, page ${pagination.current}`,
          url: pagination.url,
          description: `${count} ${count === 1 ? 'post' : 'posts'} in ${title}`,
          term: taxonomy ? { title: `${site.title}: ${title}`, url: term.url } : undefined
        },
        [
          taxonomy ? (
            <p class="kicker">
              {index ? <a href={index}>{label(term.taxonomy)}</a> : label(term.taxonomy)}
            </p>
          ) : undefined,
          pagination.current === 1 && intro && hasOwnTitle(intro) ? undefined : <h1>{title}</h1>,
          pagination.current === 1 ? introBody(site, pagination.url) : undefined,
          <p class="count">
            {`${count} ${count === 1 ? 'post' : 'posts'}`}
            {feed ? [' · ', <a href={feed}>RSS feed</a>] : ''}
          </p>,
          postList(settings, site, pagination.items),
          pager(pagination)
        ] as Child[]
      )
    },
    terms(index, site) {
      const title = label(index.taxonomy)
      return frame(settings, { site, title, url: index.url }, [
        <h1>{title}</h1>,
        <ul class="terms">
          {index.terms.map((term) => (
            <li>
              <a href={term.url} rel={index.taxonomy === 'tags' ? 'tag' : undefined}>
                {termTitle(term)}
              </a>{' '}
              <span class="count">{`(${term.pages.length})`}</span>
            </li>
          ))}
        </ul>
      ] as Child[])
    },
    archive(archive, site) {
      return frame(
        settings,
        { site, title: 'Archive', url: archive.url, description: `Every post of ${site.title}` },
        [
          <h1>Archive</h1>,
          ...archive.years.map(({ year, pages }) => (
            <section class="year" aria-labelledby={`year-${year}`}>
              <h2 id={`year-${year}`}>{year}</h2>
              <ul class="archive">
                {pages.map((page) => (
                  <li>
                    {time(settings, site, page.data.date)} <a href={page.url}>{page.data.title}</a>
                  </li>
                ))}
              </ul>
            </section>
          ))
        ] as Child[]
      )
    },
    notFound(site) {
      return frame(settings, { site, title: 'Page not found', url: '/404.html', noindex: true }, [
        <h1>Page not found</h1>,
        <p>
          There is nothing at this address. Try the <a href="/">list of posts</a>.
        </p>
      ] as Child[])
    },
    page(page, site) {
      const data = page.data
      return frame(
        settings,
        {
          site,
          title: data.title,
          url: page.url,
          description: data.description,
          math: hasMath(page)
        },
        [
          <article>
            {hasOwnTitle(page) ? (
              ''
            ) : (
              <header>
                <h1>{data.title}</h1>
              </header>
            )}
            {raw(page.html)}
          </article>
        ] as Child[]
      )
    }
  }
}

/** A post: title, dates, reading time and byline, the body, its terms, related posts, neighbours. */
function postPage(settings: Settings, page: Post, site: Site<PostData>): Root {
  const { data } = page
  const author = authorOf(page)?.name ?? settings.author?.name
  const meta: Array<Element | string> = [time(settings, site, data.date)]
  if (data.updated && data.updated.getTime() !== data.date.getTime()) {
    meta.push(' · updated ', time(settings, site, data.updated))
  }
  if (page.stats.readingMinutes > 0) meta.push(` · ${page.stats.readingMinutes} min read`)
  if (author) meta.push(` · by ${author}`)
  const related = page.related ?? []
  return frame(settings, { site, title: data.title, url: page.url, page, math: hasMath(page) }, [
    <article>
      <header>
        {hasOwnTitle(page) ? '' : <h1>{data.title}</h1>}
        <p class="meta">{meta}</p>
      </header>
      {raw(page.html)}
      {/* Tags, then each other taxonomy's terms (categories, series). */}
      {Object.keys(site.taxonomies).map(
        (taxonomy) => termLinks(site, termsOf(data, taxonomy), taxonomy) ?? ''
      )}
    </article>,
    related.length > 0 ? (
      <aside class="related" aria-label="Related posts">
        <h2>Related posts</h2>
        <ul>
          {related.map((link) => (
            <li>
              <a href={link.url}>{link.title}</a>
            </li>
          ))}
        </ul>
      </aside>
    ) : undefined,
    page.previous || page.next ? (
      <nav class="pager" aria-label="Older and newer posts">
        {page.previous ? (
          <a href={page.previous.url} rel="prev">
            {`← ${page.previous.title}`}
          </a>
        ) : (
          <span />
        )}
        {page.next ? (
          <a href={page.next.url} rel="next">
            {`${page.next.title} →`}
          </a>
        ) : (
          <span />
        )}
      </nav>
    ) : undefined
  ] as Child[])
}

/**
 * Whether the body opens with its own `# Title` (the same text as the
 * title), so the layout adds no second one. A body whose `#` headings are
 * its sections (`# Introduction`) still gets the title above them.
 */
function hasOwnTitle(page: Pick<Page<{ title: string }>, 'headings' | 'data'>): boolean {
  const first = page.headings[0]
  return first?.depth === 1 && same(first.text, page.data.title)
}

/** Two titles alike but for case and spacing. */
function same(a: string, b: string): boolean {
  const plain = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase()
  return plain(a) === plain(b)
}

/**
 * The entry published at a list's URL, if any: Hugo's `_index.md` of the
 * home page, a section or a term gives its list a title and an
 * introduction (`galley build` without a config reads them as the
 * `sections` collection, which writes no pages of its own).
 */
function introOf(
  site: Site<PostData>,
  url: string
): Page<{ title: string; description?: string }> | undefined {
  for (const entries of Object.values(site.collections)) {
    const found = entries.find((entry) => entry.url === url)
    if (found) return found as Page<{ title: string; description?: string }>
  }
  return undefined
}

/** The introduction of a list from the entry at its URL, if any (`introOf`). */
function introBody(site: Site<PostData>, url: string): Child {
  const intro = introOf(site, url)
  return intro ? raw(intro.html) : undefined
}

/** Whether a page's body has KaTeX's math (`markdown.math`), which needs its stylesheet. */
function hasMath(page: { html: string }): boolean {
  return page.html.includes('class="katex')
}
