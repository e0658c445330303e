import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '@galley/cli'
import { HtmlValidate } from 'html-validate'
import { glob } from 'tinyglobby'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { capture } from './streams.js'

const blog = fileURLToPath(new URL('../../../examples/blog/', import.meta.url))
let out: string
let dist: string
let result: { code: number; stdout: string; stderr: string }

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-blog-'))
  dist = path.join(out, 'dist')
  const stdout = capture()
  const stderr = capture()
  const code = await main(['build', '--frail', '--out', dist], { cwd: blog, stdout, stderr })
  result = { code, stdout: stdout.text(), stderr: stderr.text() }
})

afterAll(async () => {
  await rm(out, { recursive: true, force: true })
})

const read = (file: string) => readFile(path.join(dist, file), 'utf8')

describe('examples/blog', () => {
  it('should build with no message at all, even with `--frail`', () => {
    expect(result).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        /^galley: built 7 pages in \d+(?:\.\d)? m?s from 9 files: 9 (?:rendered|from cache)(?:; (?:\d images? read(?:, )?)?(?:3 variants made)?)?; wrote 51 files to `[^`]+`\n$/
      ),
      stderr: ''
    })
  })

  it('should write an index, a page per post, page and tag, a 404 page and a feed', async () => {
    expect((await glob('**/*', { cwd: dist })).sort()).toEqual(
      [
        '404.html',
        'about/index.html',
        'archive/index.html',
        'atom.xml',
        'favicon.svg',
        'feed.json',
        'flour/index.html',
        'index.html',
        'page/2/index.html',
        'posts/feeding-schedule/index.html',
        'posts/first-loaf/index.html',
        'posts/flour-guide/index.html',
        'posts/img/first-loaf.jpg',
        ...[480, 960, 1200].map((width) => `_galley/images/first-loaf-846e1a5d9c-${width}.webp`),
        'posts/oven-spring/index.html',
        'posts/rye-experiments/index.html',
        'posts/starting-a-starter/index.html',
        'robots.txt',
        'rss.xml',
        'sitemap.xml',
        ...['basics', 'bread', 'flour', 'routine', 'rye', 'sourdough', 'troubleshooting'].flatMap(
          (tag) => [
            `tags/${tag}/index.html`,
            `tags/${tag}/rss.xml`,
            `tags/${tag}/atom.xml`,
            `tags/${tag}/feed.json`
          ]
        ),
        'tags/index.html'
      ].sort()
    )
  })

  it('should list every tag, with its post count, on /tags/', async () => {
    const index = await read('tags/index.html')
    expect(
      [...index.matchAll(/<li><a href="([^"]+)" rel="tag">#[^<]+<\/a> \((\d+)\)/g)].map(
        (m) => `${m[1]} ${m[2]}`
      )
    ).toEqual([
      '/tags/basics/ 2',
      '/tags/bread/ 2',
      '/tags/flour/ 2',
      '/tags/routine/ 1',
      '/tags/rye/ 1',
      '/tags/sourdough/ 3',
      '/tags/troubleshooting/ 1'
    ])
  })

  it('should list posts newest first on the index, four a page, without the draft', async () => {
    const index = await read('index.html')
    const second = await read('page/2/index.html')
    const listed = (html: string) =>
      [...html.matchAll(/<li><a href="(\/posts\/[^"]+)"/g)].map((match) => match[1])
    expect(listed(index)).toEqual([
      '/posts/rye-experiments/',
      '/posts/oven-spring/',
      '/posts/flour-guide/',
      '/posts/first-loaf/'
    ])
    expect(listed(second)).toEqual(['/posts/feeding-schedule/', '/posts/starting-a-starter/'])
    expect(index).toContain('<a href="/page/2/" rel="next">Older →</a>')
    expect(second).toContain('<a href="/" rel="prev">← Newer</a>')
    expect(second).toContain('<span>Page 2 of 2</span>')
    expect(index).not.toContain('Focaccia')
    expect(existsSync(path.join(dist, 'posts/focaccia/index.html'))).toBe(false)
  })

  it('should render posts with heading ids, escaped titles and tag links', async () => {
    const post = await read('posts/first-loaf/index.html')
    expect(post).toMatch(/^<!DOCTYPE html><html lang="en">/)
    expect(post).toContain('<title>My First Loaf · Crumb &#x26; Crust</title>')
    expect(post).toContain('<h2 id="the-timeline">The timeline</h2>')
    expect(post).toContain('<a href="/tags/sourdough/" rel="tag">#sourdough</a>')
    // The photo beside the post: its size from the file, WebP copies in a <picture>.
    expect(post).toContain(
      '<img src="/posts/img/first-loaf.jpg" alt="A flat, pale first loaf on the counter" width="1200" height="800"></picture>'
    )
    expect(post).toContain(
      '<source type="image/webp" srcset="/_galley/images/first-loaf-846e1a5d9c-480.webp 480w,'
    )
    const tag = await read('tags/sourdough/index.html')
    expect([...tag.matchAll(/<li><a href="(\/posts\/[^"]+)"/g)].map((m) => m[1])).toEqual([
      '/posts/first-loaf/',
      '/posts/feeding-schedule/',
      '/posts/starting-a-starter/'
    ])
    expect(await read('404.html')).toContain('<h1>Page not found</h1>')
  })

  it('should write RSS, Atom and JSON feeds of the six published posts, with full content', async () => {
    const feed = await read('rss.xml')
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?><rss version="2.0"/)
    expect(feed.match(/<item>/g)).toHaveLength(6)
    expect(feed).toContain('<link>http://localhost:4321/posts/rye-experiments/</link>')
    // Links inside content are absolute, so they work in a feed reader.
    expect(feed).toContain('href="http://localhost:4321/posts/first-loaf/#the-timeline"')
    expect((await read('atom.xml')).match(/<entry>/g)).toHaveLength(6)
    const json = JSON.parse(await read('feed.json'))
    expect(json.items.map((item: { url: string }) => item.url)[0]).toBe(
      'http://localhost:4321/posts/rye-experiments/'
    )
  })

  it('should leave the scheduled post out, redirect the alias, and write a sitemap and tag feeds', async () => {
    expect(await read('index.html')).not.toContain('Summer Bread Tour')
    const redirect = await read('flour/index.html')
    expect(redirect).toContain(
      '<meta http-equiv="refresh" content="0; url=http://localhost:4321/posts/flour-guide/">'
    )
    expect(redirect).toContain(
      '<link rel="canonical" href="http://localhost:4321/posts/flour-guide/">'
    )
    const sitemap = await read('sitemap.xml')
    // Posts, the About page, the home page, the tag pages and their index, the archive.
    expect(sitemap.match(/<url>/g)).toHaveLength(6 + 1 + 1 + 7 + 1 + 1)
    expect(sitemap).toContain('<url><loc>http://localhost:4321/tags/</loc></url>')
    expect(sitemap).toContain('<loc>http://localhost:4321/about/</loc>')
    expect(sitemap).toContain(
      '<url><loc>http://localhost:4321/posts/first-loaf/</loc><lastmod>2024-03-10</lastmod></url>'
    )
    expect((await read('tags/rye/rss.xml')).match(/<item>/g)).toHaveLength(1)
  })

  it('should publish the About page of the `pages` collection, its `.md` link resolved', async () => {
    const about = await read('about/index.html')
    expect(about).toContain('<title>About this blog · Crumb &#x26; Crust</title>')
    expect(about).toContain('<h1 id="about-this-blog">About this blog</h1>')
    expect(about).toContain('<a href="/posts/starting-a-starter/">how the starter began</a>')
    // Pages are not posts: not in the feed, not on the home page.
    expect(await read('rss.xml')).not.toContain('About this blog')
    expect(await read('index.html')).not.toContain('About this blog')
  })

  it('should link each post to its neighbours and related posts', async () => {
    const post = await read('posts/first-loaf/index.html')
    expect(post).toContain(
      '<a href="/posts/feeding-schedule/" rel="prev">← A Feeding Schedule That Fits a Working Week</a>'
    )
    expect(post).toContain('<a href="/posts/flour-guide/" rel="next">A Short Guide to Flour →</a>')
    expect(post).toContain('<h2>Related posts</h2>')
    // The author comes from content/authors/ann.yaml, through `references`.
    expect(post).toContain(
      '<p class="meta"><time datetime="2024-03-10">March 10, 2024</time> · by Ann Baker</p>'
    )
  })

  it('should only link to pages and anchors that exist in the output', async () => {
    const pages = await glob('**/*.html', { cwd: dist })
    const broken: string[] = []
    for (const page of pages) {
      const html = await read(page)
      for (const [, href] of html.matchAll(/href="(\/[^"]*)"/g)) {
        const [pathname = '', fragment] = (href ?? '').split('#')
        const file = pathname.endsWith('/') ? `${pathname}index.html` : pathname
        if (!existsSync(path.join(dist, file))) {
          broken.push(`${page} → ${href}`)
        } else if (fragment && !(await read(file)).includes(`id="${fragment}"`)) {
          broken.push(`${page} → ${href}`)
        }
      }
    }
    expect(broken).toEqual([])
  })
  it('should write pages that html-validate accepts with its recommended rules', async () => {
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })
    const problems: string[] = []
    for (const page of await glob('**/*.html', { cwd: dist })) {
      const report = await validator.validateString(await read(page), page)
      for (const result of report.results) {
        for (const message of result.messages) {
          problems.push(
            `${page}:${message.line}:${message.column}: ${message.message} (${message.ruleId})`
          )
        }
      }
    }
    expect(problems).toEqual([])
  })
})
