import {
  dateParts,
  type Page,
  type Pagination,
  type PostData,
  type Site,
  type Tag
} from '@galley/core'
import type { Element } from 'hast'
import type { Settings } from './options.js'

type Post = Page<PostData>

/** A date, shown as the settings say, with its ISO 8601 `datetime`. */
export function time(settings: Settings, site: Site<unknown>, date: Date): Element {
  return (
    <time datetime={dayOf(date, site.timeZone)}>
      {settings.formatDate(date, site.language, site.timeZone)}
    </time>
  ) as Element
}

/** The day of `date` in `timeZone` (default UTC), as ISO 8601 `YYYY-MM-DD`. */
function dayOf(date: Date, timeZone: string | undefined): string {
  const { year, month, day } = dateParts(date, timeZone)
  return `${year}-${month}-${day}`
}

/** The links to a post's terms of one taxonomy (`tags`), as their pages give them. */
export function termLinks(
  site: Site<PostData>,
  names: ReadonlyArray<string> | undefined,
  taxonomy = 'tags'
): Element | undefined {
  if (!names || names.length === 0) return undefined
  const terms = Object.hasOwn(site.taxonomies, taxonomy) ? site.taxonomies[taxonomy] : undefined
  const found = (terms ?? []).filter((term) => names.includes(term.name))
  if (found.length === 0) return undefined
  const named = taxonomy === 'tags' ? undefined : label(taxonomy)
  return (
    <ul class="tags">
      {named ? <li class="label">{`${named}:`}</li> : ''}
      {found.map((term) => (
        <li>
          <a href={term.url} rel="tag">
            {taxonomy === 'tags' ? `#${term.name}` : term.name}
          </a>
        </li>
      ))}
    </ul>
  ) as Element
}

/** A list of posts, newest first: title, date, description or excerpt, tags. */
export function postList(
  settings: Settings,
  site: Site<PostData>,
  pages: ReadonlyArray<Post>
): Element {
  return (
    <ol class="posts">
      {pages.map((page) => {
        const summary = page.data.description ?? (page.excerpt.text || undefined)
        return (
          <li>
            <article>
              <h2>
                <a href={page.url}>{page.data.title}</a>
              </h2>
              <p class="meta">{time(settings, site, page.data.date)}</p>
              {summary ? <p>{summary}</p> : ''}
            </article>
          </li>
        )
      })}
    </ol>
  ) as Element
}

/** Links to the newer and older pages of a list, when it has more than one. */
export function pager(pagination: Pagination<Post>): Element | undefined {
  if (pagination.total <= 1) return undefined
  return (
    <nav class="pager" aria-label="Pages">
      {pagination.previous ? (
        <a href={pagination.previous} rel="prev">
          ← Newer posts
        </a>
      ) : (
        <span />
      )}
      <span>{`Page ${pagination.current} of ${pagination.total}`}</span>
      {pagination.next ? (
        <a href={pagination.next} rel="next">
          Older posts →
        </a>
      ) : (
        <span />
      )}
    </nav>
  ) as Element
}

/** A taxonomy's key as a heading: `tags` → `Tags`, `series` → `Series`. */
export function label(taxonomy: string): string {
  return taxonomy.charAt(0).toUpperCase() + taxonomy.slice(1)
}

/** A term's name as its page's title: `#name` for tags. */
export function termTitle(term: Pick<Tag<unknown>, 'name' | 'taxonomy'>): string {
  return term.taxonomy === 'tags' ? `#${term.name}` : term.name
}
