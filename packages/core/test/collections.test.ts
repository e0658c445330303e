import { createGalley, defineCollection, defineConfig, raw, type Tag } from '@galley/core'
import { createBlogSchema } from '@galley/frontmatter'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { post } from './fixtures.js'

const now = new Date('2024-06-15T12:00:00Z')
const text = (tree: string) => (page: { data: { title?: string }; html: string }) =>
  h(null, [h('p', `${tree}: ${page.data.title}`), raw(page.html)]) as Root
const list = (name: string) => (items: ReadonlyArray<{ url: string }>) =>
  h(null, h('p', `${name}: ${items.map((item) => item.url).join(' ')}`)) as Root
const layouts = {
  post: text('post'),
  index: (_site: unknown, pagination: { items: ReadonlyArray<{ url: string }> }) =>
    list('index')(pagination.items),
  tag: (
    tag: { name: string },
    _site: unknown,
    pagination: { items: ReadonlyArray<{ url: string }> }
  ) => list(tag.name)(pagination.items),
  notFound: (): Root => h(null, h('p', 'Not found'))
}
const outputs = (result: { outputs: ReadonlyArray<{ path: string; value: unknown }> }) =>
  new Map(result.outputs.map((file) => [file.path, String(file.value)]))
const problems = (files: ReadonlyArray<VFile>) =>
  files.flatMap((file) => file.messages.map((message) => `${String(message)} [${message.ruleId}]`))

describe('collections', () => {
  const pages = defineCollection({
    glob: 'pages/**/*.md',
    permalink: '/:slug/',
    layout: text('page')
  })

  it('should publish pages with their own layout, apart from the posts', async () => {
    const galley = createGalley(
      defineConfig({
        site: 'https://b.test/',
        contentDir: 'content',
        collections: { pages },
        layouts,
        now
      })
    )
    const result = await galley.build([
      post('content/posts/a.md', 'title: A\ndate: 2024-01-01', 'See [about](../pages/about.md).\n'),
      post('content/pages/about.md', 'title: About', 'Back to [A](/posts/a/).\n'),
      post('content/pages/wip.md', 'title: Later\ndraft: true')
    ])
    expect(problems(result.files)).toEqual([])
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/a/'])
    expect(result.entries.pages?.map((page) => [page.url, page.collection])).toEqual([
      ['/about/', 'pages']
    ])
    const files = outputs(result)
    expect(files.get('about/index.html')).toBe(
      '<p>page: About</p><p>Back to <a href="/posts/a/">A</a>.</p>\n'
    )
    expect(files.get('posts/a/index.html')).toContain('<a href="/about/">about</a>')
    // A draft page is left out as a draft post is; pages are not in feeds or lists.
    expect(files.has('wip/index.html')).toBe(false)
    expect(files.get('rss.xml')).not.toContain('About')
    expect(files.get('index.html')).toBe('<p>index: /posts/a/</p>\n')
    expect(files.get('sitemap.xml')).toContain('<loc>https://b.test/about/</loc>')
  })

  it('should validate each collection with its own schema, at the value', async () => {
    const recipes = defineCollection({
      glob: 'recipes/*.md',
      schema: z.object({ title: z.string(), serves: z.number().int() }),
      permalink: ({ slug, data }) => `/recipes/${data.serves}/${slug}/`
    })
    const galley = createGalley({ site: 'https://b.test/', collections: { recipes } })
    const result = await galley.build([
      post('recipes/bread.md', 'title: Bread\nserves: 4'),
      post('recipes/soup.md', 'title: Soup\nserves: many'),
      post('posts/a.md', 'title: A\nserves: 2')
    ])
    expect(result.entries.recipes?.map((page) => page.url)).toEqual(['/recipes/4/bread/'])
    expect(problems(result.files)).toEqual([
      'recipes/soup.md:3:9-3:13: Unexpected `serves` value `many`: Invalid input: expected number, received string [schema]',
      // `posts/a.md` is a post: the blog schema has no `serves` and needs a `date`.
      'posts/a.md:1:1-4:4: Missing `date` in front matter: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z` [schema]',
      'posts/a.md:3:1-3:7: Unexpected unknown key `serves`; did you mean `series` [unknown-key]'
    ])
  })

  it('should refuse a page and a post at one URL, naming both files', async () => {
    const galley = createGalley({
      site: 'https://b.test/',
      permalink: '/:slug/',
      collections: { pages },
      now
    })
    const result = await galley.build([
      post('posts/about.md', 'title: A\ndate: 2024-01-01'),
      post('pages/about.md', 'title: About')
    ])
    expect(result.ok).toBe(false)
    expect(problems(result.files)).toEqual([
      'pages/about.md:1:1: Unexpected second entry at `/about/`, already taken by `posts/about.md`; rename one of the files or change its permalink [duplicate-url]'
    ])
  })

  it('should report a date token in the permalink of an entry without a date', async () => {
    const dated = defineCollection({ glob: 'pages/*.md', permalink: '/:year/:slug/' })
    const result = await createGalley({
      site: 'https://b.test/',
      collections: { pages: dated }
    }).build([post('pages/about.md', 'title: About')])
    expect(problems(result.files)).toEqual([
      'pages/about.md:1:1: Unexpected permalink token `:year` in `/:year/:slug/` for an entry without a `date`; add a date to its front matter or drop the token [permalink-date]'
    ])
  })

  it('should match globs inside a content folder given as `../shared`', async () => {
    const galley = createGalley({
      site: 'https://b.test/',
      contentDir: './../shared/',
      collections: { posts: { glob: 'posts/*.md' }, pages }
    })
    const result = await galley.build([
      post('../shared/posts/a.md', 'title: A\ndate: 2024-01-01'),
      post('../shared/pages/about.md', 'title: About'),
      new VFile({ path: '../shared/readme.md', value: '# Not content\n' })
    ])
    expect(problems(result.files)).toEqual([])
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/a/'])
    expect(result.entries.pages?.map((page) => page.url)).toEqual(['/about/'])
  })

  it('should take only the files of its glob when `collections.posts` is given', async () => {
    const posts = defineCollection({ glob: 'blog/*.md', schema: createBlogSchema() })
    const galley = createGalley({ site: 'https://b.test/', collections: { posts } })
    const result = await galley.build([
      post('blog/a.md', 'title: A\ndate: 2024-01-01'),
      new VFile({ path: 'README.md', value: '# Not a post\n' })
    ])
    expect(result.ok).toBe(true)
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/a/'])
    expect(problems(result.files)).toEqual([])
  })

  it('should leave out the files a `!` pattern of a glob names', async () => {
    const posts = defineCollection({
      glob: ['blog/**/*.md', '!blog/drafts/**'],
      schema: createBlogSchema()
    })
    const galley = createGalley({ site: 'https://b.test/', collections: { posts } })
    const result = await galley.build([
      post('blog/a.md', 'title: A\ndate: 2024-01-01'),
      new VFile({ path: 'blog/drafts/b.md', value: '# Not ready\n' })
    ])
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/a/'])
    expect(problems(result.files)).toEqual([])
  })

  it('should check references from every collection', async () => {
    const galley = createGalley({
      site: 'https://b.test/',
      collections: { pages },
      references: { author: 'authors' },
      unknownKeys: 'ignore'
    })
    const result = await galley.build(
      [
        post('pages/team.md', 'title: Team\nauthor: zed'),
        post('posts/a.md', 'title: A\ndate: 2024-01-01\nauthor: ann')
      ],
      { data: { authors: [{ id: 'ann', data: { name: 'Ann' } }] } }
    )
    expect(problems(result.files)).toEqual([
      'pages/team.md:3:9-3:12: Cannot find `zed` in `authors`, expected one of `ann` [missing-reference]'
    ])
  })
})

describe('taxonomies and pagination', () => {
  const schema = z.object({
    title: z.string(),
    date: z.coerce.date(),
    tags: z.array(z.string()).default([]),
    categories: z.array(z.string()).default([])
  })
  const five = () =>
    [1, 2, 3, 4, 5].map((day) =>
      post(
        `p${day}.md`,
        `title: P${day}\ndate: 2024-01-0${day}\ntags: [ t ]\ncategories: [ ${day % 2 ? 'Odd' : 'Even'} ]`
      )
    )

  it('should write term pages and feeds for every configured taxonomy', async () => {
    const galley = createGalley({
      site: 'https://b.test/',
      schema,
      taxonomies: { tags: {}, categories: { permalink: '/c/:term/' } },
      layouts
    })
    const result = await galley.build(five())
    expect(problems(result.files)).toEqual([])
    const files = outputs(result)
    expect(files.get('c/odd/index.html')).toBe('<p>Odd: /posts/p5/ /posts/p3/ /posts/p1/</p>\n')
    expect(files.get('c/even/rss.xml')).toContain('<title>b.test: Even</title>')
    expect(files.get('tags/t/rss.xml')).toContain('<title>b.test: #t</title>')
    // Related posts count shared categories as well as tags.
    expect(result.pages.at(-1)?.related?.map((link) => link.url)).toEqual([
      '/posts/p3/',
      '/posts/p5/',
      '/posts/p2/'
    ])
  })

  it('should list each top-level folder’s posts at its URL with `sections`, where no written page is', async () => {
    const galley = createGalley({
      site: 'https://b.test/',
      contentDir: 'content',
      sections: true,
      permalink: ({ path }) => `/${path.replace(/^content\/|\.md$/g, '')}/`,
      collections: {
        // An `_index.md` with no layout of its own leaves its URL to the list.
        intros: defineCollection({ glob: '**/_index.md', permalink: '/posts/', layout: null }),
        pages: defineCollection({ glob: 'about/**', permalink: '/notes/', layout: text('page') })
      },
      layouts
    })
    const result = await galley.build([
      post('content/posts/a.md', 'title: A\ndate: 2024-01-02'),
      post('content/posts/2024/b.md', 'title: B\ndate: 2024-01-03'),
      post('content/notes/c.md', 'title: C\ndate: 2024-01-04'),
      post('content/top.md', 'title: Top\ndate: 2024-01-05'),
      post('content/posts/_index.md', 'title: Posts'),
      post('content/about/me.md', 'title: Me'),
      post('content/links.md', 'title: L\ndate: 2020-01-01', '[posts](/posts/) [notes](/notes/)\n')
    ])
    expect(problems(result.files)).toEqual([])
    const files = outputs(result)
    expect(files.get('posts/index.html')).toBe('<p>posts: /posts/2024/b/ /posts/a/</p>\n')
    // `/notes/` is the About page's: no list there.
    expect(files.get('notes/index.html')).toContain('<p>page: Me</p>')
    expect(files.get('sitemap.xml')).toContain(
      '<loc>https://b.test/posts/</loc><lastmod>2024-01-03</lastmod>'
    )
    // Off by default.
    const off = await createGalley({
      site: 'https://b.test/',
      contentDir: 'content',
      layouts
    }).build([post('content/posts/a.md', 'title: A\ndate: 2024-01-02')])
    expect(outputs(off).has('posts/index.html')).toBe(false)
  })

  it('should write an index of each taxonomy’s terms, and check links to it', async () => {
    const terms = (index: { taxonomy: string; url: string; terms: ReadonlyArray<Tag<unknown>> }) =>
      h(
        null,
        h(
          'p',
          `${index.taxonomy} at ${index.url}: ${index.terms.map((term) => `${term.name} ${term.pages.length}`).join(', ')}`
        )
      )
    const galley = createGalley({
      site: 'https://b.test/',
      schema,
      // A pattern with no folder of its own before `:term` has no index.
      taxonomies: {
        tags: {},
        categories: { permalink: '/c/:term/' },
        series: { permalink: '/s-:term/' }
      },
      layouts: { ...layouts, terms }
    })
    const result = await galley.build([
      ...five(),
      post('links.md', 'title: L\ndate: 2023-01-01', '[all](/tags/) [c](/c/) [none](/series/)\n')
    ])
    expect(problems(result.files)).toEqual([
      'links.md:6:24-6:40: Cannot find page `/series/` [missing-page]'
    ])
    const files = outputs(result)
    expect(files.get('tags/index.html')).toBe('<p>tags at /tags/: t 5</p>\n')
    expect(files.get('c/index.html')).toBe('<p>categories at /c/: Even 2, Odd 3</p>\n')
    expect(files.get('sitemap.xml')).toContain('<url><loc>https://b.test/c/</loc></url>')
    expect([...files.keys()].filter((path) => path.startsWith('s'))).toEqual(['sitemap.xml'])
  })

  it('should order posts by `weight` first, as Hugo does, then newest first', async () => {
    const weighted = z.object({
      title: z.string(),
      date: z.coerce.date(),
      weight: z.number().optional()
    })
    const galley = createGalley({ site: 'https://b.test/', schema: weighted, layouts })
    const result = await galley.build([
      post('old.md', 'title: Old\ndate: 2020-01-01\nweight: 1'),
      post('new.md', 'title: New\ndate: 2024-01-01'),
      post('mid.md', 'title: Mid\ndate: 2022-01-01\nweight: 2'),
      post('newer.md', 'title: Newer\ndate: 2025-01-01')
    ])
    expect(result.pages.map((page) => page.url)).toEqual([
      '/posts/old/',
      '/posts/mid/',
      '/posts/newer/',
      '/posts/new/'
    ])
  })

  it('should write only the pages whose layouts are given', async () => {
    const galley = createGalley({
      site: 'https://b.test/',
      schema,
      layouts: { post: layouts.post }
    })
    const result = await galley.build(five())
    const written = [...outputs(result).keys()]
    expect(written.filter((path) => path.endsWith('.html'))).toEqual(
      [5, 4, 3, 2, 1].map((day) => `posts/p${day}/index.html`)
    )
    // The sitemap lists what was written.
    expect(outputs(result).get('sitemap.xml')).not.toContain('<loc>https://b.test/</loc>')
  })

  it('should split the home page and term pages into pages of `paginate` posts', async () => {
    const galley = createGalley({ site: 'https://b.test/', schema, paginate: 2, layouts })
    const result = await galley.build([
      ...five(),
      post(
        'links.md',
        'title: L\ndate: 2023-01-01',
        '[3](/page/3/) [t2](/tags/t/page/2/) [x](/page/4/)\n'
      )
    ])
    const files = outputs(result)
    expect(files.get('index.html')).toBe('<p>index: /posts/p5/ /posts/p4/</p>\n')
    expect(files.get('page/2/index.html')).toBe('<p>index: /posts/p3/ /posts/p2/</p>\n')
    expect(files.get('page/3/index.html')).toBe('<p>index: /posts/p1/ /posts/links/</p>\n')
    expect(files.get('tags/t/page/3/index.html')).toBe('<p>t: /posts/p1/</p>\n')
    expect(files.has('page/4/index.html')).toBe(false)
    // Numbered pages are real pages to the link checker; one past the end is not.
    expect(problems(result.files)).toEqual([
      'links.md:6:37-6:50: Cannot find page `/page/4/`; did you mean `/page/2/` or `/page/3/` [missing-page]'
    ])
  })

  it('should refuse a `paginate` that is not a positive integer', async () => {
    const galley = createGalley({ site: 'https://b.test/', paginate: 0, layouts })
    await expect(galley.build([])).rejects.toThrow(
      'Expected `paginate` to be a positive integer, not `0`'
    )
  })
})
