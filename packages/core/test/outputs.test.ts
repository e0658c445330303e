import { createGalley, type OutputFile } from '@galley/core'
import type { Root } from 'hast'
import { h } from 'hastscript'
import type { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { post } from './fixtures.js'

const page = (): Root => h(null, h('p', 'page'))
const layouts = { post: page, index: page, tag: page, notFound: page }

const problems = (files: ReadonlyArray<VFile>) =>
  files.flatMap((file) =>
    file.messages
      .filter((message) => message.ruleId === 'output-collision')
      .map((message) => `${file.path}:${message.line}:${message.column}: ${message.reason}`)
  )

const paths = (outputs: ReadonlyArray<OutputFile>) => outputs.map((file) => file.path)

describe('output paths', () => {
  it('should write each URL at the path a server looks for it, plain or not', async () => {
    const aliases = [
      '/a.b/',
      '/a..b/',
      '/x/./y/',
      '/m//n/',
      '/%C3%A9t%C3%A9/',
      '/p%2Fq/',
      '/old.html',
      '/deep/../up/',
      '/v1.2/notes/'
    ]
    const result = await createGalley({ site: 'https://b.test/', layouts }).build([
      post('content/a.md', `title: A\ndate: 2020-01-01\naliases: ${JSON.stringify(aliases)}`)
    ])
    expect(result.ok).toBe(true)
    expect(
      paths(result.outputs).filter(
        (path) => !/^(posts|tags)\/|^index|^404|\.xml$|\.json$|\.txt$/.test(path)
      )
    ).toEqual([
      'a.b/index.html',
      'a..b/index.html',
      'x/y/index.html',
      'm/n/index.html',
      'été/index.html',
      'p/q/index.html',
      'old.html',
      'up/index.html',
      'v1.2/notes/index.html'
    ])
  })
})

describe('one output per path', () => {
  it('should refuse an alias at another post’s URL, at the alias', async () => {
    const result = await createGalley({ site: 'https://b.test/', layouts }).build([
      post('content/a.md', 'title: A\ndate: 2020-01-01'),
      post('content/b.md', 'title: B\ndate: 2020-01-02\naliases:\n  - /x/\n  - /posts/a/')
    ])
    expect(result.ok).toBe(false)
    expect(problems(result.files)).toEqual([
      'content/b.md:6:5: Unexpected second output at `posts/a/index.html`: the alias `/posts/a/` of content/b.md and content/a.md both write it; change a permalink, slug or alias, or rename the file, so each has its own path'
    ])
    // The first writer keeps the path; nothing is written twice.
    expect(paths(result.outputs).filter((path) => path === 'posts/a/index.html')).toHaveLength(1)
  })

  it('should refuse an alias or a `..` slug landing on the home page', async () => {
    const build = (front: string) =>
      createGalley({ site: 'https://b.test/', layouts }).build([post('content/a.md', front)])
    const alias = await build('title: A\ndate: 2020-01-01\naliases: [ / ]')
    expect(problems(alias.files)).toEqual([
      'content/a.md:4:12: Unexpected second output at `index.html`: the alias `/` of content/a.md and the home page both write it; change a permalink, slug or alias, or rename the file, so each has its own path'
    ])
    const slug = await build('title: A\ndate: 2020-01-01\nslug: ..')
    expect(problems(slug.files)).toEqual([
      'content/a.md:1:1: Unexpected second output at `index.html`: the home page and content/a.md both write it; change a permalink, slug or alias, or rename the file, so each has its own path'
    ])
  })

  it('should refuse a page at the feed’s path and a `public/` file at a page’s path', async () => {
    const result = await createGalley({
      site: 'https://b.test/',
      layouts,
      permalink: ({ slug }) => (slug === 'rss' ? '/rss.xml' : `/posts/${slug}/`)
    }).build(
      [
        post('content/rss.md', 'title: R\ndate: 2020-01-01'),
        post('content/b.md', 'title: B\ndate: 2020-01-02')
      ],
      {
        assets: [
          { path: 'posts/b/index.html', value: 'mine' },
          { path: 'sitemap.xml', value: 'x' }
        ]
      }
    )
    expect(problems(result.files).map((line) => line.replace(/; change.*/, ''))).toEqual([
      'content/rss.md:1:1: Unexpected second output at `rss.xml`: the feed `/rss.xml` and content/rss.md both write it',
      'content/b.md:1:1: Unexpected second output at `posts/b/index.html`: content/b.md and `public/posts/b/index.html` both write it',
      'public/sitemap.xml:1:1: Unexpected second output at `sitemap.xml`: the sitemap and `public/sitemap.xml` both write it'
    ])
    expect(result.ok).toBe(false)
  })

  it('should build a site whose outputs all differ with no such message', async () => {
    const result = await createGalley({ site: 'https://b.test/', layouts }).build(
      [post('content/a.md', 'title: A\ndate: 2020-01-01\naliases: [ /old/ ]')],
      { assets: [{ path: 'logo.png', value: new Uint8Array([1]) }] }
    )
    expect(problems(result.files)).toEqual([])
    expect(result.ok).toBe(true)
    expect(new Set(paths(result.outputs)).size).toBe(result.outputs.length)
  })
})
