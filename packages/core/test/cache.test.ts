import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type CachedRender, createGalley } from '@galley/core'
import { createContentCache } from '@galley/core/node'
import type { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { hash, hashParts } from '../src/cache.js'
import { post } from './fixtures.js'

function memory() {
  const store = new Map<string, CachedRender>()
  return {
    store,
    get: (key: string) => store.get(key),
    set: (key: string, value: CachedRender) => void store.set(key, value)
  }
}

const sources = () => [
  post(
    'a.md',
    'title: A\ndate: 2020-01-01\ntags: [ x ]\ndarft: true',
    '# A\n\n[b](./b.md#b) [gone](#nope)\n'
  ),
  post('b.md', 'title: B\ndate: 2020-02-01', '# B\n'),
  post('c.md', 'title: C\ndate: 2020-03-01', '# C\n')
]

function counting(label: string) {
  const seen: string[] = []
  // A remark plugin that records every render (its source is part of the fingerprint).
  const plugin = () => (_tree: unknown, file: { path?: string }) => {
    seen.push(`${label}:${file.path}`)
  }
  return { seen, plugin }
}

describe('content cache', () => {
  it('should leave the same file data to layouts whether a render is fresh or cached', async () => {
    const cache = memory()
    const data = (result: { outputs: ReadonlyArray<{ path: string; value: unknown }> }) =>
      result.outputs.filter((file) => file.path.endsWith('.html')).map((file) => String(file.value))
    const config = {
      site: 'https://b.test/',
      cache,
      feed: false as const,
      sitemap: false as const,
      layouts: {
        post: (page: { file: VFile }) =>
          ({
            type: 'root',
            children: [{ type: 'text', value: Object.keys(page.file.data).sort().join(' ') }]
          }) as never,
        index: () => ({ type: 'root', children: [] }) as never,
        tag: () => ({ type: 'root', children: [] }) as never,
        notFound: () => ({ type: 'root', children: [] }) as never
      }
    }
    const cold = data(await createGalley(config).build(sources()))
    const warm = data(await createGalley(config).build(sources()))
    expect(warm).toEqual(cold)
    expect(cold[0]).toBe('galleyFrontmatter galleyLinks matter\n')
  })

  it('should render nothing again when nothing changed, with the same result', async () => {
    const cache = memory()
    const { seen, plugin } = counting('one')
    const galley = createGalley({
      site: 'https://b.test',
      cache,
      markdown: { remarkPlugins: [plugin] }
    })
    const first = await galley.build(sources())
    expect(seen).toEqual(['one:a.md', 'one:b.md', 'one:c.md'])
    const second = await galley.build(sources())
    expect(seen).toHaveLength(3)
    expect(
      second.pages.map((page) => [page.url, page.html, page.data.date instanceof Date, page.stats])
    ).toEqual(
      first.pages.map((page) => [page.url, page.html, page.data.date instanceof Date, page.stats])
    )
    expect(
      second.files.flatMap((file) => file.messages.map((m) => [String(m), m.ruleId, m.fatal]))
    ).toEqual(
      first.files.flatMap((file) => file.messages.map((m) => [String(m), m.ruleId, m.fatal]))
    )
    expect(second.files[0]?.messages.map(String)).toEqual([
      'a.md:5:1-5:6: Unexpected unknown key `darft`; did you mean `draft`',
      'a.md:10:15-10:28: Cannot find heading for `#nope`'
    ])
    expect(second.outputs.map((file) => file.value)).toEqual(
      first.outputs.map((file) => file.value)
    )
  })

  it('should render one file again after one edit', async () => {
    const cache = memory()
    const { seen, plugin } = counting('one')
    const galley = createGalley({
      site: 'https://b.test',
      cache,
      markdown: { remarkPlugins: [plugin] }
    })
    await galley.build(sources())
    const edited = sources()
    edited[2] = post('c.md', 'title: C\ndate: 2020-03-01', '# C, edited\n')
    const result = await galley.build(edited)
    expect(seen.slice(3)).toEqual(['one:c.md'])
    expect(result.pages[0]?.html).toBe('<h1 id="c-edited">C, edited</h1>')
  })

  it('should render everything again when a plugin, the options or a URL changes', async () => {
    const cache = memory()
    const one = counting('one')
    await createGalley({
      site: 'https://b.test',
      cache,
      markdown: { remarkPlugins: [one.plugin] }
    }).build(sources())
    // Another plugin (other source text): all three again.
    const other = () => (_tree: unknown, file: { path?: string }) =>
      void one.seen.push(`other:${file.path}`)
    await createGalley({
      site: 'https://b.test',
      cache,
      markdown: { remarkPlugins: [other] }
    }).build(sources())
    expect(one.seen.slice(3)).toEqual(['other:a.md', 'other:b.md', 'other:c.md'])
    // Other options: all again.
    const two = counting('two')
    await createGalley({
      site: 'https://b.test',
      cache,
      markdown: { remarkPlugins: [two.plugin], gfm: false }
    }).build(sources())
    expect(two.seen).toHaveLength(3)
    // Another post's URL changes: that post, and the one linking to it, again.
    const moved = sources()
    moved[1] = post('b.md', 'title: B\ndate: 2020-02-01\nslug: bee', '# B\n')
    await createGalley({
      site: 'https://b.test',
      cache,
      markdown: { remarkPlugins: [two.plugin], gfm: false }
    }).build(moved)
    expect(two.seen.slice(3)).toEqual(['two:a.md', 'two:b.md'])
  })

  it('should render only the new post and the posts linking to its file when one is added', async () => {
    const cache = memory()
    const { seen, plugin } = counting('add')
    const build = (files: VFile[]) =>
      createGalley({ site: 'https://b.test', cache, markdown: { remarkPlugins: [plugin] } }).build(
        files
      )
    const base = () => [
      ...sources(),
      // A link to a post not written yet.
      post('d.md', 'title: D\ndate: 2020-04-01', '# D\n\n[soon](./e.md)\n')
    ]
    const first = await build(base())
    expect(first.files.find((file) => file.path === 'd.md')?.messages.map((m) => m.ruleId)).toEqual(
      // It names the file it looked for.
      ['missing-file']
    )
    expect(seen).toHaveLength(4)
    // An unrelated post: only it.
    await build([...base(), post('f.md', 'title: F\ndate: 2020-06-01', '# F\n')])
    expect(seen.slice(4)).toEqual(['add:f.md'])
    // The post `d.md` links to: it, and `d.md`, whose link now resolves.
    const withE = [...base(), post('e.md', 'title: E\ndate: 2020-05-01', '# E\n')]
    const added = await build(withE)
    expect(seen.slice(5)).toEqual(['add:d.md', 'add:e.md'])
    const d = added.pages.find((page) => page.file.path === 'd.md')
    expect(d?.html).toContain('href="/posts/e/"')
    expect(added.files.find((file) => file.path === 'd.md')?.messages).toEqual([])
    // And the same as a build with no cache.
    const fresh = await createGalley({ site: 'https://b.test' }).build(withE)
    expect(added.pages.map((page) => [page.url, page.html])).toEqual(
      fresh.pages.map((page) => [page.url, page.html])
    )
    // Deleting it again: `d.md` again, its link now missing.
    const removed = await build(base())
    expect(seen.slice(7)).toEqual(['add:d.md'])
    expect(
      removed.files.find((file) => file.path === 'd.md')?.messages.map((m) => m.ruleId)
    ).toEqual(['missing-file'])
  })

  it('should keep renders on disk, and treat a damaged entry as a miss', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'galley-cache-'))
    try {
      const { seen, plugin } = counting('disk')
      const build = () =>
        createGalley({
          site: 'https://b.test',
          cache: createContentCache(dir),
          markdown: { remarkPlugins: [plugin] }
        }).build(sources())
      await build()
      await build()
      expect(seen).toHaveLength(3)
      const entries = await readdir(dir)
      expect(entries).toHaveLength(3)
      await writeFile(path.join(dir, entries[0] as string), '{ damaged')
      await build()
      expect(seen).toHaveLength(4)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('should give a warm build the same data as a cold one when content looks like a date marker', async () => {
    const cache = memory()
    const schema = z.object({
      title: z.string(),
      date: z.coerce.date(),
      extra: z.record(z.string(), z.unknown())
    })
    const files = () => [
      post(
        'a.md',
        'title: A\ndate: 2020-01-01\nextra:\n  marker: { $date: "2021-05-05" }\n  $$kept: 1\n  when: 2022-02-02T00:00:00Z'
      )
    ]
    const build = () => createGalley({ site: 'https://b.test', cache, schema }).build(files())
    const cold = await build()
    const warm = await build()
    const extra = (result: typeof cold) =>
      (result.pages[0]?.data as z.infer<typeof schema> | undefined)?.extra
    expect(extra(cold)).toEqual({
      marker: { $date: '2021-05-05' },
      $$kept: 1,
      when: '2022-02-02T00:00:00Z'
    })
    expect(extra(warm)).toEqual(extra(cold))
    expect(warm.pages[0]?.data.date).toEqual(new Date('2020-01-01T00:00:00Z'))
    expect(warm.files[0]?.data.matter).toEqual(cold.files[0]?.data.matter)
  })

  it('should follow a permalink change, and back, as a build without a cache does', async () => {
    const cache = memory()
    const build = (permalink?: string) =>
      createGalley({ site: 'https://b.test', cache, ...(permalink ? { permalink } : {}) }).build(
        sources()
      )
    const pages = (result: Awaited<ReturnType<typeof build>>) =>
      result.pages.map((page) => [page.url, page.html])
    await build()
    const moved = await build('/blog/:slug/')
    const fresh = await createGalley({ site: 'https://b.test', permalink: '/blog/:slug/' }).build(
      sources()
    )
    expect(pages(moved)).toEqual(pages(fresh))
    expect(pages(moved)[1]).toEqual(['/blog/b/', '<h1 id="b">B</h1>'])
    // a.md links to b.md: its link follows the new URL.
    expect(moved.pages.find((page) => page.url === '/blog/a/')?.html).toContain('href="/blog/b/#b"')
    // Back again, from the cache: the same as the first build.
    expect(pages(await build())).toEqual(
      pages(await createGalley({ site: 'https://b.test' }).build(sources()))
    )
  })

  it('should render again when a schema transform changes, which no JSON Schema shows', async () => {
    const cache = memory()
    const { seen, plugin } = counting('schema')
    const build = (transform: (title: string) => string) =>
      createGalley({
        site: 'https://b.test',
        cache,
        markdown: { remarkPlugins: [plugin] },
        schema: z.object({ title: z.string().transform(transform), date: z.coerce.date() })
      }).build(sources())
    const titles = (result: Awaited<ReturnType<typeof build>>) =>
      result.pages.map((page) => page.data.title)
    expect(titles(await build((title) => title.toLowerCase()))).toEqual(['c', 'b', 'a'])
    expect(seen).toHaveLength(3)
    expect(titles(await build((title) => `${title}!`))).toEqual(['C!', 'B!', 'A!'])
    expect(seen).toHaveLength(6)
    // The same transform again: from the cache, with the same result.
    expect(titles(await build((title) => `${title}!`))).toEqual(['C!', 'B!', 'A!'])
    expect(seen).toHaveLength(6)
  })
})

describe('one pipeline, two builds at once', () => {
  it('should give each build its own routes, as if it ran alone', async () => {
    // In A, `b.md` is at `/posts/b/`; in B, the post with that file has another slug.
    const siteA = () => [
      post('content/a.md', 'title: A\ndate: 2020-01-01', 'See [b](./b.md).\n'),
      post('content/b.md', 'title: B\ndate: 2020-01-02')
    ]
    const siteB = () => [
      post('content/a.md', 'title: A\ndate: 2020-01-01', 'See [b](./b.md).\n'),
      post('content/b.md', 'title: B\ndate: 2020-01-02\nslug: renamed')
    ]
    const config = { site: 'https://b.test/', feed: false as const, sitemap: false as const }
    const shared = createGalley(config)
    const [a, b] = await Promise.all([shared.build(siteA()), shared.build(siteB())])
    const alone = async (files: VFile[]) =>
      (await createGalley(config).build(files)).pages.map((page) => page.html)
    expect(a.pages.map((page) => page.html)).toEqual(await alone(siteA()))
    expect(b.pages.map((page) => page.html)).toEqual(await alone(siteB()))
    expect(b.pages.find((page) => page.url === '/posts/a/')?.html).toContain('/posts/renamed/')
  })
})

describe('hashParts', () => {
  it('should give the hash of the parts joined, without joining them', () => {
    const parts = ['', 'content/a.md\u0000url', '\u0002', '"/a/"', 'é', '\u{1f600}', '']
    expect(hashParts(parts)).toBe(hash(parts.join('')))
    expect(hashParts([])).toBe(hash(''))
    expect(hashParts(['ab', 'c'])).not.toBe(hashParts(['ac', 'b']))
  })
})
