import type { Page, PostData, Site } from '@galley/core'
import type { Element } from 'hast'
import type { Author } from './options.js'

/** What `headOf` describes: one page of a site. */
export interface HeadInput {
  /** The site (`url`, `title`, `description`, `language`, `feeds`). */
  site: Pick<Site<unknown>, 'url' | 'title' | 'description' | 'language' | 'feeds'>
  /** Title of the page; the site's title is added after it, unless the same. */
  title: string
  /** URL path of the page (`/posts/a/`). */
  url: string
  /** Description (default: the post's `description`, else its excerpt, else the site's). */
  description?: string | null | undefined
  /** The post or entry the page shows: dates, tags, image and JSON-LD `BlogPosting`. */
  page?: Page<PostData> | null | undefined
  /**
   * The feeds of this page's term (a term page), linked beside the site's:
   * `url` is the term's URL path; its RSS, and its Atom and JSON Feed when
   * the site writes those (`site.feeds`), are `rss.xml`, `atom.xml` and
   * `feed.json` there.
   */
  term?: { title: string; url: string } | null | undefined
  /** Image when the page gives none (URL path or absolute URL). */
  image?: string | null | undefined
  /** Author when the page gives none. */
  author?: Author | null | undefined
  /** Keep the page out of search engines (the 404 page) (default: `false`). */
  noindex?: boolean | null | undefined
  /** Link KaTeX's stylesheet: the page has math (default: `false`). */
  math?: boolean | null | undefined
}

/**
 * The metadata of a page's `<head>`, as elements: `<title>`, description,
 * canonical URL, `<link rel="alternate">` for each feed (the site's, and
 * the term's on a term page), Open Graph and Twitter card (the image: the
 * front matter's `image`, or the first of `images`, or the first the page
 * shows, or `input.image`), and for a post
 * JSON-LD `BlogPosting` (`datePublished`, `dateModified`, `author`). Values
 * are text nodes and attributes, escaped when serialized; the JSON-LD is
 * escaped so no `</script>` can end it early.
 *
 * @param input
 *   The page.
 * @returns
 *   Elements for `<head>`.
 */
export function headOf(input: Readonly<HeadInput>): Element[] {
  const { site, page } = input
  const absolute = (where: string) => new URL(where, site.url).href
  const title = input.title === site.title ? input.title : `${input.title} · ${site.title}`
  const description =
    input.description ??
    page?.data.description ??
    (page?.excerpt.text || undefined) ??
    site.description ??
    undefined
  const image = imageOf(page) ?? firstImage(page, absolute(input.url)) ?? input.image ?? undefined
  const imageUrl = image === undefined ? undefined : safeUrl(image, site.url)
  const canonical = absolute(input.url)
  const feeds = site.feeds
  // The site's feeds, then the term's (`rss.xml`, … in the term's folder).
  const alternates = [
    ...(feeds ? feedsOf(feeds, site.title) : []),
    ...(input.term && feeds?.term ? feedsOf(feeds.term, input.term.title, input.term.url) : [])
  ]
  const elements: Element[] = [
    <title>{title}</title>,
    ...(description ? [<meta name="description" content={description} />] : []),
    <link rel="canonical" href={canonical} />,
    ...(input.noindex ? [<meta name="robots" content="noindex" />] : []),
    ...alternates.map(({ type, title: name, href }) => (
      <link rel="alternate" type={type} title={name} href={href} />
    )),
    <meta property="og:type" content={page ? 'article' : 'website'} />,
    <meta property="og:title" content={input.title} />,
    <meta property="og:url" content={canonical} />,
    <meta property="og:site_name" content={site.title} />,
    ...(description ? [<meta property="og:description" content={description} />] : []),
    ...(site.language
      ? [<meta property="og:locale" content={site.language.replace('-', '_')} />]
      : []),
    ...(imageUrl ? [<meta property="og:image" content={imageUrl} />] : []),
    ...(page
      ? [
          <meta property="article:published_time" content={page.data.date.toISOString()} />,
          ...(page.data.updated
            ? [<meta property="article:modified_time" content={page.data.updated.toISOString()} />]
            : []),
          ...(page.data.tags ?? []).map((tag) => <meta property="article:tag" content={tag} />)
        ]
      : []),
    <meta name="twitter:card" content={imageUrl ? 'summary_large_image' : 'summary'} />,
    <meta name="twitter:title" content={input.title} />,
    ...(description ? [<meta name="twitter:description" content={description} />] : []),
    ...(imageUrl ? [<meta name="twitter:image" content={imageUrl} />] : [])
  ] as Element[]
  if (page) {
    const author = authorOf(page) ?? input.author ?? undefined
    const data: Record<string, unknown> = {
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: page.data.title,
      url: canonical,
      mainEntityOfPage: canonical,
      datePublished: page.data.date.toISOString(),
      dateModified: (page.data.updated ?? page.data.date).toISOString(),
      ...(description ? { description } : {}),
      ...(imageUrl ? { image: imageUrl } : {}),
      ...(page.data.tags && page.data.tags.length > 0
        ? { keywords: page.data.tags.join(', ') }
        : {}),
      ...(author
        ? {
            author: {
              '@type': 'Person',
              name: author.name,
              ...(author.url ? { url: safeUrl(author.url, site.url) } : {})
            }
          }
        : {}),
      publisher: { '@type': 'Organization', name: site.title, url: site.url.href }
    }
    elements.push((<script type="application/ld+json">{scriptJson(data)}</script>) as Element)
  }
  return elements
}

/**
 * The feeds of a site (`site.feeds`) or of a term (file names in its
 * folder, as `@galley/core` writes them), as `<link rel="alternate">` data.
 */
function feedsOf(
  paths: { rss: string; atom: string | undefined; json: string | undefined },
  title: string,
  base = ''
): Array<{ type: string; title: string; href: string }> {
  return [
    { type: 'application/rss+xml', title, href: `${base}${paths.rss}` },
    ...(paths.atom ? [{ type: 'application/atom+xml', title, href: `${base}${paths.atom}` }] : []),
    ...(paths.json ? [{ type: 'application/feed+json', title, href: `${base}${paths.json}` }] : [])
  ]
}

/**
 * JSON for a `<script>` element: `<`, `>` and `&` as `\u` escapes, so the
 * text can hold neither `</script>` nor `<!--`, and parses to the same value.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** A front-matter field of a post, read as an own property only. */
function field(page: Page<PostData>, key: string): unknown {
  const data = page.data as unknown as Record<string, unknown>
  return data && typeof data === 'object' && Object.hasOwn(data, key) ? data[key] : undefined
}

/** The image front matter gives: `image`, else the first of `images` (as Hugo reads them). */
function imageOf(page: Page<PostData> | null | undefined): string | undefined {
  if (!page) return undefined
  const image = field(page, 'image')
  if (typeof image === 'string' && image !== '') return image
  const images = field(page, 'images')
  const first = Array.isArray(images) ? images[0] : undefined
  return typeof first === 'string' && first !== '' ? first : undefined
}

/**
 * The first image a page shows (`<img src>` of its HTML, as rehype-stringify
 * writes it), as an absolute URL: a relative `src` (a bundle's
 * `train.jpg`) is resolved against the page's own URL.
 */
function firstImage(page: Page<PostData> | null | undefined, url: string): string | undefined {
  if (!page) return undefined
  const found = /<img\s[^>]*?\bsrc="([^"]+)"/.exec(page.html)
  if (!found) return undefined
  try {
    const src = (found[1] as string).replace(/&#x26;|&amp;/g, '&')
    return new URL(src, url).href
  } catch {
    return undefined
  }
}

/** The author front matter gives: a name, or `{ name, url? }` (as the blog schema outputs it). */
export function authorOf(page: Page<PostData>): Author | undefined {
  const author = field(page, 'author')
  if (typeof author === 'string') return author === '' ? undefined : { name: author }
  if (!author || typeof author !== 'object') return undefined
  const record = author as Record<string, unknown>
  const name = Object.hasOwn(record, 'name') ? record.name : undefined
  const url = Object.hasOwn(record, 'url') ? record.url : undefined
  return typeof name === 'string' && name !== ''
    ? { name, url: typeof url === 'string' ? url : undefined }
    : undefined
}

/** An absolute `http(s)` URL for `value` on the site, or `undefined` (no `javascript:`). */
function safeUrl(value: string, site: URL): string | undefined {
  try {
    const url = new URL(value, site)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined
  } catch {
    return undefined
  }
}
