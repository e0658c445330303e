import { type CachedRender, createGalley, defineConfig, raw } from '@galley/core'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { post } from './fixtures.js'

const layouts = {
  post: (page: { data: { title: string }; html: string }): Root =>
    h(null, [h('h1', page.data.title), raw(page.html)]),
  index: (site: { pages: ReadonlyArray<{ url: string }> }): Root =>
    h(
      null,
      h(
        'ul',
        site.pages.map((page) => h('li', page.url))
      )
    ),
  tag: (tag: { name: string; pages: ReadonlyArray<unknown> }): Root =>
    h(null, h('p', `${tag.name}: ${tag.pages.length}`)),
  notFound: (): Root => h(null, h('p', 'Not found'))
}

describe('@galley/core', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/core')).sort()).toEqual([
      'contentCollections',
      'createFeeds',
      'createGalley',
      'createPageSchema',
      'createRenderFunction',
      'dateParts',
      'defineCollection',
      'defineConfig',
      'foldersOf',
      'isPublished',
      'loadedDigest',
      'raw',
      'restoreMessages',
      'storeMessages',
      'termsOf'
    ])
  })

  it('should validate and render one post, with its URL', async () => {
    const galley = createGalley({ site: 'https://blog.test' })
    const page = await galley.processFile(
      post('content/hello.md', 'title: Hello\ndate: "2018-04-23"\ntags: [ a ]')
    )
    expect(page?.url).toBe('/posts/hello/')
    expect(page?.slug).toBe('hello')
    expect(page?.data).toEqual({
      title: 'Hello',
      date: new Date('2018-04-23T00:00:00Z'),
      tags: ['a'],
      draft: false,
      aliases: []
    })
    expect(page?.html).toBe('<h1 id="hello">Hello</h1>')
    expect(page?.headings).toEqual([{ depth: 1, id: 'hello', text: 'Hello' }])
  })

  it('should build a site: drafts out, newest first, tags, feed, escaped layouts', async () => {
    const galley = createGalley(defineConfig({ site: 'https://blog.test/', title: 'T', layouts }))
    const result = await galley.build([
      post('old.md', 'title: Old <b>\ndate: 2018-01-01\ntags: [ x ]'),
      post('new.md', 'title: New\ndate: 2019-01-01\ntags: [ x, "Y Z" ]'),
      post('wip.md', 'title: WIP\ndate: 2020-01-01\ndraft: true')
    ])
    expect(result.ok).toBe(true)
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/new/', '/posts/old/'])
    expect(result.outputs.map((file) => file.path)).toEqual([
      'posts/new/index.html',
      'posts/old/index.html',
      'index.html',
      'tags/x/index.html',
      'tags/y-z/index.html',
      '404.html',
      'rss.xml',
      'atom.xml',
      'feed.json',
      'tags/x/rss.xml',
      'tags/x/atom.xml',
      'tags/x/feed.json',
      'tags/y-z/rss.xml',
      'tags/y-z/atom.xml',
      'tags/y-z/feed.json',
      'sitemap.xml',
      'robots.txt'
    ])
    expect(new Map(result.outputs.map((file) => [file.path, file.value])).get('robots.txt')).toBe(
      'User-agent: *\nAllow: /\n\nSitemap: https://blog.test/sitemap.xml\n'
    )
    const byPath = new Map(result.outputs.map((file) => [file.path, file.value]))
    expect(byPath.get('posts/old/index.html')).toBe(
      '<h1>Old &#x3C;b></h1><h1 id="hello">Hello</h1>\n'
    )
    expect(byPath.get('index.html')).toBe('<ul><li>/posts/new/</li><li>/posts/old/</li></ul>\n')
    expect(byPath.get('tags/x/index.html')).toBe('<p>x: 2</p>\n')
    expect(byPath.get('rss.xml')).toContain('<link>https://blog.test/posts/new/</link>')
    expect(byPath.get('rss.xml')).not.toContain('WIP')
  })

  it('should publish drafts when asked', async () => {
    const galley = createGalley({ site: 'https://blog.test/', drafts: true })
    const result = await galley.build([post('wip.md', 'title: WIP\ndate: 2020-01-01\ndraft: true')])
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/wip/'])
  })

  it('should report every bad post and still process the others', async () => {
    const galley = createGalley({ site: 'https://blog.test/', layouts })
    const result = await galley.build([
      post('a.md', 'title: A\ndate: "not a date"'),
      post(
        'b.md',
        'title: B\ndate: 2020-01-01',
        '# B\n\n[x]() [y](/posts/a/) [z](/posts/c/#nope)\n'
      ),
      post('c.md', 'title: C\ndate: 2020-01-02')
    ])
    expect(result.ok).toBe(false)
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/c/', '/posts/b/'])
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([
      'a.md:3:7-3:19: Unexpected `date` value `"not a date"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`',
      'b.md:8:1-8:6: Unexpected empty link, expected a URL or a `#fragment`',
      'b.md:8:7-8:21: Cannot find page `/posts/a/`; did you mean `/posts/b/` or `/posts/c/`',
      'b.md:8:22-8:41: Cannot find heading for `#nope` on `/posts/c/`'
    ])
  })

  it('should refuse two posts at one URL, naming both files', async () => {
    const galley = createGalley({ site: 'https://blog.test/' })
    const result = await galley.build([
      post('2019/hello.md', 'title: A\ndate: 2019-01-01'),
      post('2020/hello.md', 'title: B\ndate: 2020-01-01')
    ])
    expect(result.ok).toBe(false)
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([
      '2019/hello.md:1:1: Unexpected second entry at `/posts/hello/`, already taken by `2020/hello.md`; rename one of the files or change its permalink'
    ])
  })

  it('should fill permalink patterns and take permalink functions', async () => {
    const file = () => post('posts/trip/index.md', 'title: Trip\ndate: 2018-04-03')
    const pattern = createGalley({ site: 'https://b.test', permalink: '/:year/:month/:day/:slug/' })
    expect((await pattern.processFile(file()))?.url).toBe('/2018/04/03/trip/')
    const inside = createGalley({ site: 'https://b.test', permalink: '/a/../:slug' })
    expect((await inside.processFile(file()))?.url).toBe('/trip')
    const outside = createGalley({
      site: 'https://b.test',
      permalink: ({ slug }) => `/x/../../${slug}/`
    })
    const escaping = file()
    expect(await outside.processFile(escaping)).toBe(undefined)
    expect(escaping.messages.map(String)).toEqual([
      'posts/trip/index.md:1:1: Unexpected permalink `/x/../../trip/` that resolves outside the output folder; fix the permalink or the slug'
    ])
    expect(escaping.messages[0]?.fatal).toBe(true)
    // In a whole build too: reported, and the other posts still built.
    const mixed = createGalley({
      site: 'https://b.test',
      permalink: ({ slug }) => (slug === 'trip' ? '/x/../../trip/' : `/${slug}/`)
    })
    const built = await mixed.build([file(), post('ok.md', 'title: OK\ndate: 2020-01-01')])
    expect(built.pages.map((page) => page.url)).toEqual(['/ok/'])
    expect(built.files[0]?.messages.map((message) => message.ruleId)).toEqual(['permalink-outside'])
    expect(built.ok).toBe(false)
    const fn = createGalley({
      site: 'https://b.test',
      permalink: ({ slug, data }) => `/${data.title.toLowerCase()}-${slug}.html`
    })
    expect((await fn.processFile(file()))?.url).toBe('/trip-trip.html')
  })

  it("should report an empty slug at its place, and take a permalink `//` as the site's root", async () => {
    const result = await createGalley({ site: 'https://b.test', permalink: '/:slug/' }).build([
      post('x.md', 'title: X\ndate: 2020-01-01\nslug: ""'),
      post('ok.md', 'title: OK\ndate: 2020-01-01')
    ])
    expect(result.ok).toBe(false)
    expect(result.pages.map((page) => page.url)).toEqual(['/ok/'])
    expect(result.files[0]?.messages.map(String)).toEqual([
      'x.md:4:7-4:9: Unexpected `slug` value `""`: Expected a non-empty string'
    ])
    // A permalink with nothing between its slashes is the site's root, not another host.
    const rooted = await createGalley({
      site: 'https://b.test',
      permalink: ({ slug }) => (slug === '_index' ? '//' : `/${slug}/`)
    }).build([
      post('_index.md', 'title: Home\ndate: 2020-01-01'),
      post('ok.md', 'title: OK\ndate: 2020-01-01')
    ])
    expect(rooted.ok).toBe(true)
    expect(rooted.pages.map((page) => page.url).sort()).toEqual(['/', '/ok/'])
  })

  it('should place a slug that leaves the site at the slug, warm or cold', async () => {
    const store = new Map<string, CachedRender>()
    const cache = {
      get: (key: string) => store.get(key),
      set: (key: string, value: CachedRender) => void store.set(key, value)
    }
    const build = () =>
      createGalley({ site: 'https://b.test', cache, permalink: '/:slug/' }).build([
        post('x.md', 'title: X\ndate: 2020-01-01\nslug: ..'),
        post('ok.md', 'title: OK\ndate: 2020-01-01')
      ])
    const cold = await build()
    const warm = await build()
    for (const result of [cold, warm]) {
      expect(result.files[0]?.messages.map(String)).toEqual([
        'x.md:4:7-4:9: Unexpected permalink `/../` that resolves outside the output folder; fix the permalink or the slug'
      ])
    }
  })

  it('should stop the build naming the file when a permalink function throws', async () => {
    const galley = createGalley({
      site: 'https://b.test',
      permalink: ({ data }) =>
        `/${(data as { series?: string }).series?.toLowerCase() ?? ''}`.replace(/^\/$/, () => {
          throw new Error('no series')
        })
    })
    await expect(galley.build([post('a.md', 'title: A\ndate: 2020-01-01')])).rejects.toThrow(
      'The permalink function threw for `a.md`: no series'
    )
  })

  it('should take any Standard Schema and type the data with it', async () => {
    const schema = z.object({
      title: z.string(),
      date: z.coerce.date(),
      rating: z.number().max(5)
    })
    const galley = createGalley({ site: 'https://b.test', schema })
    const page = await galley.processFile(post('r.md', 'title: R\ndate: 2020-02-02\nrating: 4'))
    const rating: number | undefined = page?.data.rating
    expect(rating).toBe(4)
    const bad = post('s.md', 'title: S\ndate: 2020-02-02\nrating: 9')
    expect(await galley.processFile(bad)).toBe(undefined)
    expect(bad.messages.map(String)).toEqual([
      's.md:4:9-4:10: Unexpected `rating` value `9`: Too big: expected number to be <=5'
    ])
  })

  it('should skip link checks and the feed when turned off', async () => {
    const galley = createGalley({
      site: 'https://b.test',
      links: false,
      feed: false,
      sitemap: false
    })
    const result = await galley.build([post('a.md', 'title: A\ndate: 2020-01-01', '[x]()\n')])
    expect(result.files[0]?.messages).toEqual([])
    expect(result.outputs).toEqual([])
  })

  it('should throw on a `site` that is not an absolute URL', () => {
    expect(() => createGalley({ site: 'blog' })).toThrow(
      'Expected `site` to be an absolute URL, not `blog`'
    )
  })
})

describe('time zones and front matter policy', () => {
  it('should read dates in the site time zone for data and permalinks', async () => {
    const galley = createGalley({
      site: 'https://b.test',
      timeZone: 'Asia/Tokyo',
      permalink: '/:year/:month/:day/:slug/'
    })
    const page = await galley.processFile(post('new-year.md', 'title: N\ndate: 2019-01-01'))
    expect(page?.data.date.toISOString()).toBe('2018-12-31T15:00:00.000Z')
    expect(page?.url).toBe('/2019/01/01/new-year/')
  })

  it('should take a slug from front matter, and report unknown keys by policy', async () => {
    const warn = createGalley({ site: 'https://b.test' })
    const file = post('a.md', 'title: A\ndate: 2020-01-01\nslug: hello-world\ndarft: true')
    expect((await warn.processFile(file))?.url).toBe('/posts/hello-world/')
    expect(file.messages.map(String)).toEqual([
      'a.md:5:1-5:6: Unexpected unknown key `darft`; did you mean `draft`'
    ])
    const strict = createGalley({ site: 'https://b.test', unknownKeys: 'error' })
    expect(await strict.processFile(post('b.md', 'title: B\ndate: 2020-01-01\ndarft: true'))).toBe(
      undefined
    )
  })
})

describe('links between Markdown files', () => {
  it('should rewrite `./other.md#anchor` to the other post’s URL, and check it', async () => {
    const galley = createGalley({ site: 'https://b.test', permalink: '/:year/:slug/', feed: false })
    const result = await galley.build([
      post('content/a.md', 'title: A\ndate: 2019-05-01\nslug: first', '# Intro\n'),
      post(
        'content/b.md',
        'title: B\ndate: 2020-01-01',
        '[ok](./a.md#intro) [bad](a.md#nope) [gone](./c.md)\n'
      )
    ])
    const b = result.pages.find((page) => page.slug === 'b')
    expect(b?.html).toBe(
      '<p><a href="/2019/first/#intro">ok</a> <a href="/2019/first/#nope">bad</a> <a href="./c.md">gone</a></p>'
    )
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([
      'content/b.md:6:20-6:36: Cannot find heading for `#nope` on `/2019/first/`',
      'content/b.md:6:37-6:51: Cannot find `content/c.md`, linked as `./c.md`; fix the path, or add the file'
    ])
  })

  it('should say a link to a file with errors points at that file’s errors, not that it is missing', async () => {
    const galley = createGalley({ site: 'https://b.test', contentDir: 'content', feed: false })
    const result = await galley.build([
      post('content/broken.md', 'title: Broken\ndate: 2020-13-45'),
      post('content/b.md', 'title: B\ndate: 2020-01-01', '[one](./broken.md) [two](/broken.md)\n')
    ])
    expect(result.ok).toBe(false)
    const b = result.files.find((file) => file.path === 'content/b.md')
    expect(b?.messages.map((message) => [String(message), message.ruleId])).toEqual([
      [
        'content/b.md:6:1-6:19: Cannot link to `content/broken.md`, linked as `./broken.md`: it has errors, so no page is made of it; fix them first',
        'failed-file'
      ],
      [
        'content/b.md:6:20-6:37: Cannot link to `content/broken.md`, linked as `/broken.md`: it has errors, so no page is made of it; fix them first',
        'failed-file'
      ]
    ])
  })

  it('should read `/x.md` from the content folder, and `a.md` as the bundle `a/index.md` or the section `a/_index.md`', async () => {
    const galley = createGalley({ site: 'https://b.test', contentDir: 'content', feed: false })
    const result = await galley.build([
      post('content/notes/trip/index.md', 'title: Trip\ndate: 2019-05-01'),
      post('content/notes/_index.md', 'title: Notes\ndate: 2019-05-01\nslug: notes'),
      post('content/notes/other.md', 'title: Other\ndate: 2019-05-01'),
      post(
        'content/notes/b.md',
        'title: B\ndate: 2020-01-01',
        '[root](/notes/other.md) [bundle](trip.md) [section](../notes.md) [gone](/notes/nope.md)\n'
      )
    ])
    const b = result.pages.find((page) => page.slug === 'b')
    expect(b?.html).toBe(
      '<p><a href="/posts/other/">root</a> <a href="/posts/trip/">bundle</a> <a href="/posts/notes/">section</a> <a href="/notes/nope.md">gone</a></p>'
    )
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([
      'content/notes/b.md:6:66-6:88: Cannot find `/notes/nope.md`, linked as `/notes/nope.md`; fix the path, or add the file'
    ])
  })

  it('should resolve Hugo’s `ref` against the page’s folder, then from the content folder, with or without `.md`', async () => {
    const galley = createGalley({ site: 'https://b.test', contentDir: 'content', feed: false })
    const result = await galley.build([
      post('content/guide/setup.md', 'title: Setup\ndate: 2019-05-01', '## Day 2\n'),
      post('content/blog/near.md', 'title: Near\ndate: 2019-05-01'),
      post(
        'content/blog/b.md',
        'title: B\ndate: 2020-01-01',
        '[a]({{< ref "near" >}}) [b]({{< relref "guide/setup#day-2" >}}) [c]({{< ref "/guide/setup.md" >}}) [d]({{< ref "gone" >}})\n'
      )
    ])
    const b = result.pages.find((page) => page.slug === 'b')
    expect(b?.html).toBe(
      '<p><a href="/posts/near/">a</a> <a href="/posts/setup/#day-2">b</a> <a href="/posts/setup/">c</a> <a href="gone.md">d</a></p>'
    )
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([
      'content/blog/b.md:6:100-6:123: Cannot find `content/blog/gone.md`, linked as `gone.md`; fix the path, or add the file'
    ])
  })
})

describe('assets', () => {
  it('should write robots.txt with pages, unless public/ has its own', async () => {
    const galley = createGalley({ site: 'https://b.test/', layouts })
    const file = () => post('a.md', 'title: A\ndate: 2020-01-01')
    const own = await galley.build([file()], {
      assets: [{ path: 'robots.txt', value: 'User-agent: *\nDisallow: /\n' }]
    })
    expect(
      own.outputs.filter((output) => output.path === 'robots.txt').map((output) => output.value)
    ).toEqual(['User-agent: *\nDisallow: /\n'])
    const off = await createGalley({ site: 'https://b.test/', layouts, robots: false }).build([
      file()
    ])
    expect(off.outputs.map((output) => output.path)).not.toContain('robots.txt')
  })

  it('should resolve relative links to content files against the page’s file, and copy only those published pages link to', async () => {
    const store = new Map<string, CachedRender>()
    const cache = {
      get: (key: string) => store.get(key),
      set: (key: string, value: CachedRender) => void store.set(key, value)
    }
    const galley = createGalley({
      site: 'https://b.test',
      contentDir: 'content',
      feed: false,
      cache
    })
    const pages = () => [
      post(
        'content/posts/trip.md',
        'title: Trip\ndate: 2020-01-01',
        '![map](img/map.png) [notes](../files/notes%20v2.pdf#p=2)\n'
      ),
      post(
        'content/posts/draft.md',
        'title: Draft\ndate: 2020-01-02\ndraft: true',
        '![secret](img/secret.png)\n'
      )
    ]
    const bytes = (text: string) => new TextEncoder().encode(text)
    const files = [
      { path: 'content/posts/img/map.png', value: bytes('MAP') },
      { path: 'content/posts/img/secret.png', value: bytes('SECRET') },
      { path: 'content/files/notes v2.pdf', value: bytes('PDF') },
      { path: 'content/files/unused.txt', value: bytes('-') }
    ]
    const built = await galley.build(pages(), { files })
    const trip = built.pages.find((page) => page.slug === 'trip')
    expect(trip?.html).toBe(
      '<p><img src="/posts/img/map.png" alt="map"> <a href="/files/notes%20v2.pdf#p=2">notes</a></p>'
    )
    expect(built.files.flatMap((file) => file.messages.map(String))).toEqual([])
    // The draft's image and the file no page links to stay out of the site.
    expect(
      built.outputs
        .filter((file) => !file.path.endsWith('.html') && file.path !== 'sitemap.xml')
        .map((file) => [file.path, new TextDecoder().decode(file.value as Uint8Array)])
    ).toEqual([
      ['files/notes v2.pdf', 'PDF'],
      ['posts/img/map.png', 'MAP']
    ])
    // Without the files, the stored renders do not hold: the links are as written.
    const without = await galley.build(pages())
    expect(without.pages.find((page) => page.slug === 'trip')?.html).toBe(
      '<p><img src="img/map.png" alt="map"> <a href="../files/notes%20v2.pdf#p=2">notes</a></p>'
    )
    const fresh = await createGalley({
      site: 'https://b.test',
      contentDir: 'content',
      feed: false
    }).build(pages())
    expect(without.outputs.map((file) => [file.path, String(file.value)])).toEqual(
      fresh.outputs.map((file) => [file.path, String(file.value)])
    )
    // And with them again, as a fresh build gives.
    const again = await galley.build(pages(), { files })
    const freshAgain = await createGalley({
      site: 'https://b.test',
      contentDir: 'content',
      feed: false
    }).build(pages(), { files })
    expect(again.outputs.map((file) => [file.path, String(file.value)])).toEqual(
      freshAgain.outputs.map((file) => [file.path, String(file.value)])
    )
  })

  it('should resume with content files as a fresh build gives, the linked ones copied, unread pages’ links as the snapshot kept them', async () => {
    const bytes = (text: string) => new TextEncoder().encode(text)
    const files = [
      { path: 'content/posts/img/map.png', value: bytes('MAP') },
      { path: 'content/posts/img/sea.png', value: bytes('SEA') }
    ]
    const config = { site: 'https://b.test', contentDir: 'content', feed: false } as const
    const pages = (other: string) => [
      post('content/posts/trip.md', 'title: Trip\ndate: 2020-01-01', '![map](img/map.png)\n'),
      post('content/posts/other.md', 'title: Other\ndate: 2020-01-02', other)
    ]
    const first = createGalley(config)
    const snapshot = first.snapshot(await first.build(pages('Words.\n'), { files }))
    if (!snapshot) throw new Error('Expected a snapshot')
    const outputs = (result: { outputs: ReadonlyArray<{ path: string; value: unknown }> }) =>
      result.outputs.map((file) => [file.path, String(file.value)])
    for (const other of ['More words.\n', '![sea](img/sea.png)\n']) {
      // A copy through structured clone, as a snapshot read from disk is.
      const resumed = await createGalley(config).resume(structuredClone(snapshot), pages(other), {
        files
      })
      if (!resumed) throw new Error('Expected the body edit to resume')
      const fresh = await createGalley(config).build(pages(other), { files })
      expect(outputs(resumed)).toEqual(outputs(fresh))
      expect(resumed.outputs.map((file) => file.path)).toContain('posts/img/map.png')
    }
  })

  it('should copy assets and count links to them as existing pages', async () => {
    const galley = createGalley({ site: 'https://b.test', feed: false })
    const logo = new Uint8Array([1, 2, 3])
    const result = await galley.build(
      [
        post(
          'a.md',
          'title: A\ndate: 2020-01-01',
          '![logo](/images/logo.png) [gone](/images/gone.png)\n'
        )
      ],
      { assets: [{ path: 'images/logo.png', value: logo }] }
    )
    expect(result.outputs.map((file) => file.path)).toEqual(['images/logo.png', 'sitemap.xml'])
    expect(result.files.flatMap((file) => file.messages.map(String))).toEqual([
      'a.md:6:27-6:51: Cannot find page `/images/gone.png`; did you mean `/images/logo.png`'
    ])
  })
})

describe('dated file names', () => {
  it('should take the date and slug of a Jekyll `_posts` file name, unless `fileNameDates` says otherwise', async () => {
    const files = () => [
      new VFile({
        path: 'content/_posts/2018-04-23-hello.md',
        value: '---\ntitle: Hello\n---\n\nHi.\n'
      }),
      post('content/_posts/2019-01-02-own.md', 'title: Own\ndate: 2020-05-05\nslug: mine')
    ]
    const jekyll = await createGalley({ site: 'https://b.test', feed: false }).build(files())
    expect(jekyll.pages.map((page) => [page.url, page.data.date.toISOString()])).toEqual([
      ['/posts/mine/', '2020-05-05T00:00:00.000Z'],
      ['/posts/hello/', '2018-04-23T00:00:00.000Z']
    ])
    const none = await createGalley({
      site: 'https://b.test',
      feed: false,
      fileNameDates: 'none'
    }).build(files())
    expect(none.pages.map((page) => page.url)).toEqual(['/posts/mine/'])
    expect(none.files.flatMap((file) => file.messages.map((message) => message.ruleId))).toEqual([
      'schema'
    ])
  })
})
