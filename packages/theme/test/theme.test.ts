import { createGalley, defineCollection, type GalleyConfig } from '@galley/core'
import { headOf, scriptJson, theme } from '@galley/theme'
import { fromHtml } from 'hast-util-from-html'
import { HtmlValidate } from 'html-validate'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

const post = (name: string, matter: string, body = 'Some words of the post.\n') =>
  new VFile({ path: `content/posts/${name}`, value: `---\n${matter}\n---\n\n${body}` })

/** Build a small blog with the theme, and give its files by path. */
async function site(config: Partial<GalleyConfig> = {}, extra: VFile[] = []) {
  const layouts = theme(config.layouts ? undefined : { author: 'Ann Baker' })
  const galley = createGalley({
    site: 'https://blog.test/',
    title: 'Crumbs',
    description: 'A blog of crumbs.',
    language: 'en',
    paginate: 2,
    collections: {
      pages: defineCollection({
        glob: 'pages/*.md',
        permalink: '/:slug/',
        layout: layouts.page
      })
    },
    // The blog schema with Hugo's `image` and an author as text.
    schema: z.object({
      title: z.string(),
      date: z.coerce.date(),
      updated: z.coerce.date().optional(),
      tags: z.array(z.string()).default([]),
      description: z.string().optional(),
      image: z.string().optional(),
      author: z.string().optional()
    }),
    ...config,
    layouts: { ...layouts, ...config.layouts }
  })
  const result = await galley.build([
    post(
      'a.md',
      'title: First loaf\ndate: 2024-01-02\ntags: [ bread, basics ]\ndescription: How it went.'
    ),
    post(
      'b.md',
      'title: Rye\ndate: 2024-02-03\nupdated: 2024-03-01\ntags: [ bread ]\nimage: /rye.jpg'
    ),
    post(
      'c.md',
      'title: The body’s own title\ndate: 2024-03-04',
      '# The body’s own title\n\n## Part\n\nText.\n'
    ),
    new VFile({ path: 'content/pages/about.md', value: '---\ntitle: About\n---\n\nAbout us.\n' }),
    ...extra
  ])
  expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([])
  return new Map(result.outputs.map((file) => [file.path, String(file.value)]))
}

/** The elements of a page's `<head>` as `name=value` lines. */
function heads(html: string): string[] {
  const tree = fromHtml(html)
  const lines: string[] = []
  const visit = (node: {
    type: string
    tagName?: string
    properties?: Record<string, unknown>
    children?: unknown[]
  }) => {
    if (node.type === 'element' && node.tagName !== 'html' && node.tagName !== 'head') {
      const p = node.properties ?? {}
      if (node.tagName === 'meta')
        lines.push(
          `meta ${String(p.name ?? p.property ?? 'charset')}=${String(p.content ?? p.charSet)}`
        )
      else if (node.tagName === 'link')
        lines.push(
          `link ${String(p.rel)} ${String(p.type ?? '')} ${String(p.href)}`.replace(/ {2}/, ' ')
        )
      else lines.push(node.tagName ?? '')
      return
    }
    for (const child of node.children ?? []) visit(child as never)
  }
  const head = (tree.children.find((n) => n.type === 'element') as never as { children: unknown[] })
    .children[0]
  visit(head as never)
  return lines
}

describe('theme', () => {
  it('should write pages that html-validate accepts with its recommended rules', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })
    const problems: string[] = []
    const files = await site()
    const pages = [...files.keys()].filter((path) => path.endsWith('.html'))
    expect(pages.sort()).toEqual([
      '404.html',
      'about/index.html',
      'archive/index.html',
      'index.html',
      'page/2/index.html',
      'posts/a/index.html',
      'posts/b/index.html',
      'posts/c/index.html',
      'tags/basics/index.html',
      'tags/bread/index.html',
      'tags/index.html'
    ])
    for (const path of pages) {
      const report = await validator.validateString(files.get(path) ?? '', path)
      for (const result of report.results) {
        for (const message of result.messages) {
          problems.push(
            `${path}:${message.line}:${message.column}: ${message.message} (${message.ruleId})`
          )
        }
      }
    }
    expect(problems).toEqual([])
  })

  it('should give a post a complete <head>: title, description, canonical, feeds, Open Graph, Twitter, JSON-LD', async () => {
    const html = (await site()).get('posts/b/index.html') ?? ''
    expect(heads(html)).toEqual([
      'meta charset=utf-8',
      'meta viewport=width=device-width, initial-scale=1',
      'title',
      'meta description=Some words of the post.',
      'link canonical https://blog.test/posts/b/',
      'link alternate application/rss+xml /rss.xml',
      'link alternate application/atom+xml /atom.xml',
      'link alternate application/feed+json /feed.json',
      'meta og:type=article',
      'meta og:title=Rye',
      'meta og:url=https://blog.test/posts/b/',
      'meta og:site_name=Crumbs',
      'meta og:description=Some words of the post.',
      'meta og:locale=en',
      'meta og:image=https://blog.test/rye.jpg',
      'meta article:published_time=2024-02-03T00:00:00.000Z',
      'meta article:modified_time=2024-03-01T00:00:00.000Z',
      'meta article:tag=bread',
      'meta twitter:card=summary_large_image',
      'meta twitter:title=Rye',
      'meta twitter:description=Some words of the post.',
      'meta twitter:image=https://blog.test/rye.jpg',
      'script',
      'style'
    ])
    expect(html).toContain('<title>Rye · Crumbs</title>')
    const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1] ?? ''
    expect(JSON.parse(json)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BlogPosting',
      headline: 'Rye',
      url: 'https://blog.test/posts/b/',
      mainEntityOfPage: 'https://blog.test/posts/b/',
      datePublished: '2024-02-03T00:00:00.000Z',
      dateModified: '2024-03-01T00:00:00.000Z',
      description: 'Some words of the post.',
      image: 'https://blog.test/rye.jpg',
      keywords: 'bread',
      author: { '@type': 'Person', name: 'Ann Baker' },
      publisher: { '@type': 'Organization', name: 'Crumbs', url: 'https://blog.test/' }
    })
  })

  it('should link the term’s own feed on a term page, and list every term on the index', async () => {
    const files = await site()
    expect(
      heads(files.get('tags/bread/index.html') ?? '').filter((line) => line.includes('/tags/'))
    ).toEqual([
      'link canonical https://blog.test/tags/bread/',
      'link alternate application/rss+xml /tags/bread/rss.xml',
      'link alternate application/atom+xml /tags/bread/atom.xml',
      'link alternate application/feed+json /tags/bread/feed.json',
      'meta og:url=https://blog.test/tags/bread/'
    ])
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) {
      expect(files.has(`tags/bread/${feed}`)).toBe(true)
    }
    const index = files.get('tags/index.html') ?? ''
    expect(
      [
        ...index.matchAll(/<a href="([^"]+)" rel="tag">([^<]+)<\/a> <span class="count">\((\d+)\)/g)
      ].map((m) => m.slice(1).join(' '))
    ).toEqual(['/tags/basics/ #basics 1', '/tags/bread/ #bread 2'])
    expect(files.get('index.html')).toContain('<a href="/tags/">Tags</a>')
    expect(files.get('page/2/index.html')).toContain('<a href="/" rel="prev">← Newer posts</a>')
  })

  it('should list every post by year on the archive, newest first, linked from the navigation', async () => {
    // The blog schema reads date-only values as midnight in the site's time zone.
    const files = await site({ timeZone: 'America/New_York', schema: undefined }, [
      post('old.md', 'title: Old crumb\ndate: 2023-06-01'),
      // Midnight UTC on New Year's Day is still 2022 in New York.
      post('edge.md', 'title: Edge\ndate: 2023-01-01T00:00:00Z')
    ])
    const main = /<main[\s\S]*<\/main>/.exec(files.get('archive/index.html') ?? '')?.[0] ?? ''
    const lines = [...main.matchAll(/<(h2|li)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((match) =>
      (match[2] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim()
    )
    expect(lines).toEqual([
      '2024',
      'March 4, 2024 The body’s own title',
      'February 3, 2024 Rye',
      'January 2, 2024 First loaf',
      '2023',
      'June 1, 2023 Old crumb',
      '2022',
      'December 31, 2022 Edge'
    ])
    expect(files.get('index.html')).toContain('<a href="/archive/">Archive</a>')
    expect(files.get('sitemap.xml')).toContain('<loc>https://blog.test/archive/</loc>')
    // `archive: false`: no page, no link.
    const none = await site({ archive: false })
    expect(none.has('archive/index.html')).toBe(false)
    expect(none.get('index.html')).not.toContain('/archive/')
  })

  it('should show the title once: a body that opens with it as `#` gives the only <h1>', async () => {
    const files = await site({}, [
      post('d.md', 'title: Sections\ndate: 2024-04-04', '# Introduction\n\nText.\n')
    ])
    const count = (html: string | undefined) => (html ?? '').match(/<h1[ >]/g)?.length
    expect(count(files.get('posts/c/index.html'))).toBe(1)
    expect(files.get('posts/c/index.html')).toContain('<h1 id="the-bodys-own-title">')
    expect(count(files.get('posts/a/index.html'))).toBe(1)
    expect(files.get('posts/a/index.html')).toContain('<h1>First loaf</h1>')
    // `#` headings as the body's sections: the title still heads the page.
    expect(files.get('posts/d/index.html')).toContain('<h1>Sections</h1><p class="meta">')
    expect(files.get('404.html')).toContain('<meta name="robots" content="noindex">')
  })

  it('should take navigation, an accent colour, a date format and an author line', async () => {
    const layouts = theme({
      nav: [{ text: 'About', href: '/about/' }],
      accent: 'oklch(55% 0.2 30)',
      dateFormat: (date) => date.toISOString().slice(0, 7),
      author: { name: 'Bo', url: '/about/' }
    })
    const files = await site({ layouts })
    const html = files.get('posts/a/index.html') ?? ''
    expect(html).toContain('<ul><li><a href="/about/">About</a></li></ul>')
    expect(html).toContain('--accent:oklch(55% 0.2 30)')
    expect(html).toContain('<time datetime="2024-01-02">2024-01</time>')
    expect(html).toContain(' · by Bo')
    expect(html).toContain(
      '"author":{"@type":"Person","name":"Bo","url":"https://blog.test/about/"}'
    )
  })

  it('should refuse an accent that is not a colour, and nav links that are not text', () => {
    expect(() => theme({ accent: 'red}</style><script>alert(1)</script>' })).toThrow(
      'Expected `accent` to be a CSS colour'
    )
    expect(() => theme({ nav: [{ text: 1 as unknown as string, href: '/' }] })).toThrow(
      'Expected each `nav` link'
    )
  })

  it('should keep hostile front matter text, never markup, in the head and the JSON-LD', async () => {
    const payload = '</script><script>alert(1)</script><img src=x onerror=alert(2)>'
    const files = await site({}, [
      post(
        'x.md',
        `title: ${JSON.stringify(payload)}\ndate: 2024-04-05\ndescription: ${JSON.stringify(`"><svg onload=alert(3)>`)}\nimage: "javascript:alert(4)"\nauthor: ${JSON.stringify(payload)}`
      )
    ])
    const html = files.get('posts/x/index.html') ?? ''
    const tree = fromHtml(html)
    const scripts: string[] = []
    const handlers: string[] = []
    const walk = (node: {
      type: string
      tagName?: string
      properties?: Record<string, unknown>
      children?: unknown[]
    }) => {
      if (node.type === 'element') {
        if (node.tagName === 'script') scripts.push(String(node.properties?.type))
        for (const key of Object.keys(node.properties ?? {}))
          if (/^on/i.test(key)) handlers.push(key)
        if (node.tagName === 'img' || node.tagName === 'svg') handlers.push(node.tagName)
      }
      for (const child of node.children ?? []) walk(child as never)
    }
    walk(tree as never)
    expect(scripts).toEqual(['application/ld+json'])
    expect(handlers).toEqual([])
    expect(html).not.toContain('javascript:')
    const json = /<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)?.[1] ?? ''
    const data = JSON.parse(json) as { headline: string; author: { name: string } }
    expect(data.headline).toBe(payload)
    expect(data.author.name).toBe(payload)
  })
})

describe('headOf', () => {
  it('should describe any page for anyone’s layouts', () => {
    const elements = headOf({
      site: {
        url: new URL('https://b.test/'),
        title: 'B',
        description: undefined,
        language: undefined,
        feeds: undefined
      },
      title: 'Hello',
      url: '/hello/'
    })
    expect(elements.map((element) => element.tagName)).toEqual([
      'title',
      'link',
      'meta',
      'meta',
      'meta',
      'meta',
      'meta',
      'meta'
    ])
  })

  it('should escape JSON for a <script> element and parse back to the same value', () => {
    const value = { text: '</script><!-- & \u2028' }
    const text = scriptJson(value)
    expect(text).not.toMatch(/[<>&]/)
    expect(JSON.parse(text)).toEqual(value)
  })
})
