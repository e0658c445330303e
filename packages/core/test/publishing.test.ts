import { createFeeds, createGalley, isPublished } from '@galley/core'
import { describe, expect, it } from 'vitest'
import { post } from './fixtures.js'

const now = new Date('2024-06-15T12:00:00Z')
const posts = () => [
  post('old.md', 'title: Old\ndate: 2024-01-01\ntags: [ a, b ]'),
  post('mid.md', 'title: Mid\ndate: 2024-03-01\ntags: [ a ]\naliases: [ /mid-old/, /2024/mid/ ]'),
  post('new.md', 'title: New\ndate: 2024-05-01\ntags: [ a, b, c ]'),
  post('later.md', 'title: Later\ndate: 2024-06-01\npublishDate: 2024-07-01'),
  post('tomorrow.md', 'title: Tomorrow\ndate: 2024-06-16'),
  post('gone.md', 'title: Gone\ndate: 2024-02-01\nexpiryDate: 2024-06-01'),
  post('wip.md', 'title: WIP\ndate: 2024-04-01\ndraft: true')
]
const urls = async (options: Record<string, unknown>) => {
  const result = await createGalley({ site: 'https://b.test/', now, ...options }).build(posts())
  return result.pages.map((page) => page.slug)
}

describe('publishing rules', () => {
  it('should leave out drafts, scheduled and expired posts, judged at `now`', async () => {
    expect(await urls({})).toEqual(['new', 'mid', 'old'])
  })

  it('should publish them on request', async () => {
    expect(await urls({ future: true })).toEqual(['tomorrow', 'later', 'new', 'mid', 'old'])
    expect(await urls({ expired: true })).toEqual(['new', 'mid', 'gone', 'old'])
    expect(await urls({ drafts: true })).toEqual(['new', 'wip', 'mid', 'old'])
  })

  it('should link neighbours and related posts', async () => {
    const { pages } = await createGalley({ site: 'https://b.test/', now }).build(posts())
    const [newest, middle, oldest] = pages
    expect([newest?.previous?.url, newest?.next]).toEqual(['/posts/mid/', undefined])
    expect([middle?.previous?.title, middle?.next?.title]).toEqual(['Old', 'New'])
    expect(oldest?.previous).toBe(undefined)
    // `old` shares two tags with `new`, one with `mid`.
    expect(oldest?.related?.map((link) => link.title)).toEqual(['New', 'Mid'])
  })

  it('should write redirect pages for aliases, count them as pages, and list pages in a sitemap', async () => {
    const result = await createGalley({ site: 'https://b.test/', now, feed: false }).build([
      ...posts(),
      post('linker.md', 'title: Linker\ndate: 2024-01-02', '[old address](/mid-old/)\n')
    ])
    const files = new Map(result.outputs.map((file) => [file.path, String(file.value)]))
    expect([...files.keys()]).toEqual(['mid-old/index.html', '2024/mid/index.html', 'sitemap.xml'])
    expect(files.get('mid-old/index.html')).toBe(
      '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>https://b.test/posts/mid/</title><link rel="canonical" href="https://b.test/posts/mid/"><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=https://b.test/posts/mid/"></head><body><p>This page has moved to <a href="https://b.test/posts/mid/">https://b.test/posts/mid/</a>.</p></body></html>\n'
    )
    expect(files.get('sitemap.xml')).toBe(
      '<?xml version="1.0" encoding="utf-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://b.test/posts/linker/</loc><lastmod>2024-01-02</lastmod></url><url><loc>https://b.test/posts/mid/</loc><lastmod>2024-03-01</lastmod></url><url><loc>https://b.test/posts/new/</loc><lastmod>2024-05-01</lastmod></url><url><loc>https://b.test/posts/old/</loc><lastmod>2024-01-01</lastmod></url></urlset>\n'
    )
    expect(result.files.flatMap((file) => file.messages)).toEqual([])
  })

  it('should write an RSS, Atom and JSON feed per tag, in the formats the site writes', async () => {
    const result = await createGalley({ site: 'https://b.test/', now }).build(posts())
    const files = new Map(result.outputs.map((file) => [file.path, String(file.value)]))
    expect([...files.keys()].filter((path) => path.startsWith('tags/'))).toEqual(
      ['a', 'b', 'c'].flatMap((tag) => [
        `tags/${tag}/rss.xml`,
        `tags/${tag}/atom.xml`,
        `tags/${tag}/feed.json`
      ])
    )
    expect(files.get('tags/b/rss.xml')?.match(/<item>/g)).toHaveLength(2)
    expect(files.get('tags/b/rss.xml')).toContain('<title>b.test: #b</title>')
    expect(files.get('tags/b/atom.xml')?.match(/<entry>/g)).toHaveLength(2)
    expect(files.get('tags/b/atom.xml')).toContain(
      '<link rel="self" type="application/atom+xml" href="https://b.test/tags/b/atom.xml"></link>'
    )
    expect(JSON.parse(files.get('tags/b/feed.json') ?? '{}')).toMatchObject({
      title: 'b.test: #b',
      feed_url: 'https://b.test/tags/b/feed.json'
    })
    // A site without Atom writes none per tag either.
    const rssOnly = await createGalley({
      site: 'https://b.test/',
      now,
      feed: { atomPath: false }
    }).build(posts())
    expect(
      rssOnly.outputs.map((file) => file.path).filter((path) => path.startsWith('tags/a/'))
    ).toEqual(['tags/a/rss.xml', 'tags/a/feed.json'])
  })
})

describe('references', () => {
  const data = {
    authors: [
      { id: 'ann', data: { name: 'Ann Baker' } },
      { id: 'bo', data: { name: 'Bo' } }
    ]
  }

  it('should resolve references after every entry is loaded, and report missing ones at the value', async () => {
    const galley = createGalley({
      site: 'https://b.test/',
      now,
      unknownKeys: 'ignore',
      references: { author: 'authors', reviewers: 'authors' }
    })
    const result = await galley.build(
      [
        post('a.md', 'title: A\ndate: 2024-01-01\nauthor: ann'),
        post('b.md', 'title: B\ndate: 2024-01-02\nauthor: carol\nreviewers: [ bo, dan ]')
      ],
      { data }
    )
    expect(result.pages.map((page) => [page.slug, page.references])).toEqual([
      ['a', { author: { id: 'ann', data: { name: 'Ann Baker' } } }]
    ])
    expect(result.ok).toBe(false)
    expect(
      result.files[1]?.messages.map((message) => [String(message), message.ruleId, message.fatal])
    ).toEqual([
      [
        'b.md:4:9-4:14: Cannot find `carol` in `authors`, expected one of `ann`, `bo`',
        'missing-reference',
        true
      ],
      [
        'b.md:5:18-5:21: Cannot find `dan` in `authors`, expected one of `ann`, `bo`',
        'missing-reference',
        true
      ]
    ])
  })

  it('should throw a `TypeError` for a reference to a collection that was not loaded', async () => {
    const galley = createGalley({ site: 'https://b.test/', now, references: { author: 'people' } })
    await expect(
      galley.build([post('a.md', 'title: A\ndate: 2024-01-01\nauthor: ann')], { data })
    ).rejects.toThrow(
      new TypeError(
        'Expected `references.author` to name a data collection (`authors`), not `people`'
      )
    )
  })
})

describe('createFeeds', () => {
  it('should write the feeds of pages another tool published, under the same rules', async () => {
    const galley = createGalley({ site: 'https://b.test/', now })
    const pages = []
    for (const file of posts()) {
      const page = await galley.processFile(file)
      // Another tool's URLs: `/blog/<slug>.html`.
      if (page) pages.push({ ...page, url: `/blog/${page.slug}.html` })
    }
    const files = new Map(
      createFeeds(pages, { site: 'https://b.test/', now }).map((file) => [
        file.path,
        String(file.value)
      ])
    )
    expect([...files.keys()].sort()).toEqual([
      'atom.xml',
      'feed.json',
      'rss.xml',
      ...['a', 'b', 'c'].flatMap((tag) => [
        `tags/${tag}/atom.xml`,
        `tags/${tag}/feed.json`,
        `tags/${tag}/rss.xml`
      ])
    ])
    const rss = files.get('rss.xml') ?? ''
    expect(
      [...rss.matchAll(/<link>(https:\/\/b\.test\/blog\/[^<]+)<\/link>/g)].map((m) => m[1])
    ).toEqual([
      'https://b.test/blog/new.html',
      'https://b.test/blog/mid.html',
      'https://b.test/blog/old.html'
    ])
    expect(createFeeds(pages, { site: 'https://b.test/', now, feed: false })).toEqual([])
    expect(
      isPublished({ title: 'x', date: new Date('2024-07-01') }, { site: 'https://b.test/' }, now)
    ).toBe(false)
  })
})
