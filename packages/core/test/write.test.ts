import { mkdir, mkdtemp, readdir, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createGalley, type GalleyConfig, raw } from '@galley/core'
import { recoverOutDir, writeInto, writeSite } from '@galley/core/node'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commitInPlace } from '../src/node/commit.js'

let root: string
let out: string
let records: string
/** Layout calls of the last build, by layout. */
let calls: Record<string, number>

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-write-'))
  out = path.join(root, 'dist')
  records = path.join(root, 'cache/outputs.bin')
  calls = {}
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

const count = (name: string) => {
  calls[name] = (calls[name] ?? 0) + 1
}

const layouts = {
  post(page: { data: { title: string }; html: string }): Root {
    count('post')
    return h(null, [h('h1', page.data.title), raw(page.html)]) as Root
  },
  index(site: { pages: ReadonlyArray<{ url: string; data: { title: string } }> }): Root {
    count('index')
    return h(
      null,
      site.pages.map((page) => h('a', { href: page.url }, page.data.title))
    ) as Root
  },
  tag(): Root {
    count('tag')
    return h(null, []) as Root
  },
  notFound(): Root {
    count('notFound')
    return h(null, h('p', 'Not here')) as Root
  }
}

const config: GalleyConfig = {
  site: 'https://b.test/',
  layouts: layouts as unknown as GalleyConfig['layouts'],
  feed: false,
  sitemap: false
}

function post(name: string, day: number, body = `Body of ${name}.`): VFile {
  return new VFile({
    path: `content/${name}.md`,
    value: `---\ntitle: ${name.toUpperCase()}\ndate: 2020-01-0${day}\n---\n\n${body}\n`
  })
}

async function build(files: VFile[], options?: { stamp?: string; layouts?: unknown }) {
  calls = {}
  const result = await createGalley({
    ...config,
    layouts: (options?.layouts ?? config.layouts) as GalleyConfig['layouts']
  }).build(files)
  expect(result.ok).toBe(true)
  return writeSite(out, result.outputs, { records, stamp: options?.stamp })
}

/** Inode and modification time of every file: what a rewrite changes. */
async function identities(dir: string): Promise<Record<string, string>> {
  const found: Record<string, string> = {}
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = path.join(entry.parentPath, entry.name)
    const stats = await stat(file, { bigint: true })
    found[path.relative(dir, file)] = `${stats.ino}:${stats.mtimeNs}`
  }
  return found
}

const site = () => [post('a', 1), post('b', 2), post('c', 3)]

describe('writeSite with records', () => {
  it('should lay out nothing and write nothing when nothing changed', async () => {
    expect(await build(site())).toEqual({ written: 5, kept: 0, removed: 0 })
    const before = await identities(out)
    const folder = (await stat(out)).ino

    expect(await build(site())).toEqual({ written: 0, kept: 5, removed: 0 })
    expect(calls).toEqual({})
    expect(await identities(out)).toEqual(before)
    expect((await stat(out)).ino).toBe(folder)
  })

  it('should lay out only the pages that read what changed, and keep the rest as they were', async () => {
    await build(site())
    const before = await identities(out)

    // A body edit: the post reads its body; the index reads titles only.
    const edited = [post('a', 1), post('b', 2, 'A new body.'), post('c', 3)]
    expect(await build(edited)).toEqual({ written: 1, kept: 4, removed: 0 })
    expect(calls).toEqual({ post: 1 })
    const after = await identities(out)
    expect(after['posts/b/index.html']).not.toBe(before['posts/b/index.html'])
    expect({ ...after, 'posts/b/index.html': '' }).toEqual({
      ...before,
      'posts/b/index.html': ''
    })
    expect(await readFile(path.join(out, 'posts/b/index.html'), 'utf8')).toContain('A new body.')
  })

  it('should lay out the list again when a title changes, and remove the page of a deleted post', async () => {
    await build(site())
    const renamed = [post('a', 1), post('c', 3)]
    renamed[0] = new VFile({
      path: 'content/a.md',
      value: '---\ntitle: Renamed\ndate: 2020-01-01\n---\n\nBody of a.\n'
    })
    expect(await build(renamed)).toEqual({ written: 2, kept: 2, removed: 1 })
    expect(calls).toEqual({ post: 1, index: 1 })
    await expect(stat(path.join(out, 'posts/b/index.html'))).rejects.toThrow()
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('Renamed')
  })

  it('should refuse a file dropped into a folder of the site since the last build, though it lists only changed folders', async () => {
    await build(site())
    // The next build commits in place, looking only into folders whose stamps moved.
    await writeFile(path.join(out, 'posts/b/notes.txt'), 'mine')
    const edited = [post('a', 1, 'New body of a.'), post('b', 2), post('c', 3)]
    await expect(build(edited)).rejects.toThrow('files Galley did not write (`posts/b/notes.txt`)')
    await rm(path.join(out, 'posts/b/notes.txt'))
    await mkdir(path.join(out, 'posts/c/extra'), { recursive: true })
    await writeFile(path.join(out, 'posts/c/extra/deep.txt'), 'mine')
    await expect(build(edited)).rejects.toThrow('`posts/c/extra/deep.txt`')
    await rm(path.join(out, 'posts/c/extra'), { recursive: true })
    expect((await build(edited)).written).toBe(1)
    expect(await readFile(path.join(out, 'posts/a/index.html'), 'utf8')).toContain('New body of a.')
  })

  it('should refuse a file dropped after an in-place build, in a folder it wrote or one it kept', async () => {
    await build(site())
    // In place: the stamps of folders it did not touch are the ones it checked.
    expect(
      (await build([post('a', 1, 'New body of a.'), post('b', 2), post('c', 3)])).written
    ).toBe(1)
    const again = [post('a', 1, 'Newer body of a.'), post('b', 2), post('c', 3)]
    for (const folder of ['posts/a', 'posts/c', '']) {
      const dropped = path.join(out, folder, 'notes.txt')
      await writeFile(dropped, 'mine')
      await expect(build(again)).rejects.toThrow('files Galley did not write')
      await rm(dropped)
    }
    expect((await build(again)).written).toBe(1)
  })

  it('should lay out everything again when the records are damaged, and write the site whole and right', async () => {
    await build(site())
    const kept = await readFile(records)
    for (const damaged of [kept.subarray(0, kept.length >> 1), Buffer.from('{"version":1}')]) {
      await writeFile(records, damaged)
      expect(await build([post('a', 1, 'Changed.'), post('b', 2), post('c', 3)])).toEqual({
        written: 5,
        kept: 0,
        removed: 0
      })
      expect(calls).toEqual({ post: 3, index: 1, notFound: 1 })
      expect(await readFile(path.join(out, 'posts/a/index.html'), 'utf8')).toContain('Changed.')
      // Then records are whole again: the next build keeps everything.
      expect(await build([post('a', 1, 'Changed.'), post('b', 2), post('c', 3)])).toEqual({
        written: 0,
        kept: 5,
        removed: 0
      })
      await build(site())
    }
  })

  it('should write a file again that was changed by hand since', async () => {
    await build(site())
    await writeFile(path.join(out, 'posts/a/index.html'), 'edited by hand')
    expect(await build(site())).toEqual({ written: 1, kept: 4, removed: 0 })
    expect(await readFile(path.join(out, 'posts/a/index.html'), 'utf8')).toContain('<h1>A</h1>')
  })

  it('should lay out everything again when the code changed, and still write only changed bytes', async () => {
    await build(site(), { stamp: 'v1' })
    expect(await build(site(), { stamp: 'v2' })).toEqual({ written: 0, kept: 5, removed: 0 })
    expect(calls).toEqual({ post: 3, index: 1, notFound: 1 })
  })

  it('should leave the previous site and no staged folder when a layout throws', async () => {
    await build(site())
    const before = await identities(out)
    const failing = {
      ...layouts,
      post(page: { data: { title: string }; html: string }) {
        if (page.data.title === 'C') throw new Error('Layout bug')
        return layouts.post(page)
      }
    }
    await expect(
      build([post('a', 1, 'Changed.'), post('b', 2), post('c', 3, 'Changed.')], {
        layouts: failing
      })
    ).rejects.toThrow('Layout bug')
    expect(await identities(out)).toEqual(before)
    expect((await readdir(root)).sort()).toEqual(['cache', 'dist'])
  })
})

describe('recoverOutDir', () => {
  it('should put back the old site a build killed between its two renames left, and remove staged folders', async () => {
    await mkdir(path.join(root, 'dist.galley-old-0123abcd'), { recursive: true })
    await writeFile(path.join(root, 'dist.galley-old-0123abcd/index.html'), 'old')
    await mkdir(path.join(root, 'dist.galley-tmp-0123abcd'), { recursive: true })
    await writeFile(path.join(root, 'dist.galley-tmp-0123abcd/index.html'), 'new')
    // Not Galley's: another name, another pattern.
    await mkdir(path.join(root, 'dist.galley-old-mine'), { recursive: true })
    await mkdir(path.join(root, 'distant.galley-tmp-0123abcd'), { recursive: true })

    await recoverOutDir(out)
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('old')
    expect((await readdir(root)).sort()).toEqual([
      'dist',
      'dist.galley-old-mine',
      'distant.galley-tmp-0123abcd'
    ])
  })

  it('should remove what a killed build staged, and keep the site when it is there', async () => {
    await mkdir(out, { recursive: true })
    await writeFile(path.join(out, 'index.html'), 'current')
    await mkdir(path.join(root, 'dist.galley-tmp-89abcdef'), { recursive: true })
    await recoverOutDir(out)
    expect(await readdir(root)).toEqual(['dist'])
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('current')
  })
})

describe('writeSite after a resumed build', () => {
  /** A build resumed from `from`'s snapshot, written with the ids given. */
  async function resumed(
    from: Awaited<ReturnType<ReturnType<typeof createGalley>['build']>>,
    galley: ReturnType<typeof createGalley>,
    files: VFile[],
    ids: { build: string; since: string }
  ) {
    const snapshot = galley.snapshot(from)
    if (!snapshot) throw new Error('Expected a snapshot')
    const next = createGalley(config)
    const result = await next.resume(snapshot, files)
    if (!result) throw new Error('Expected a resumed build')
    let fingerprints = 0
    for (const output of result.outputs) {
      const trace = output.trace
      if (!trace) continue
      const fingerprint = trace.fingerprint
      trace.fingerprint = (reads) => {
        fingerprints++
        return fingerprint(reads)
      }
    }
    calls = {}
    const summary = await writeSite(out, result.outputs, { records, ...ids })
    return { summary, fingerprints, next, result }
  }

  it('should keep the pages that read nothing that changed without fingerprinting them, on the records of the build it resumed from', async () => {
    const galley = createGalley(config)
    const first = await galley.build(site())
    await writeSite(out, first.outputs, { records, build: 'one' })
    const edited = [post('a', 1), post('b', 2, 'A new body.'), post('c', 3)]
    const second = await resumed(first, galley, edited, { build: 'two', since: 'one' })
    const { summary, fingerprints } = second
    expect(summary).toEqual({ written: 1, kept: 4, removed: 0 })
    expect(calls).toEqual({ post: 1 })
    // None: the edited post's page read its body, which changed, so it is
    // laid out without hashing what it read; the list reads its title,
    // which a body edit leaves as it was, so it is kept without hashing.
    expect(fingerprints).toBe(0)
    expect(await readFile(path.join(out, 'posts/b/index.html'), 'utf8')).toContain('A new body.')
    // A title edit, resumed from that build: the post and the list of titles.
    const retitled = [post('a', 1), post('b', 2, 'A new body.'), post('c', 3)]
    retitled[1] = new VFile({
      path: 'content/b.md',
      value: '---\ntitle: Retitled\ndate: 2020-01-02\n---\n\nA new body.\n'
    })
    const again = await resumed(second.result, second.next, retitled, {
      build: 'three',
      since: 'two'
    })
    expect(again.summary).toEqual({ written: 2, kept: 3, removed: 0 })
    // The post and the list read its title, which changed: laid out without hashing.
    expect(again.fingerprints).toBe(0)
    expect(calls).toEqual({ post: 1, index: 1 })
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain('Retitled')
  })

  it('should fingerprint every page when the records are of another build than the one it resumed from', async () => {
    const galley = createGalley(config)
    const first = await galley.build(site())
    await writeSite(out, first.outputs, { records, build: 'one' })
    // A second build wrote its pages, and was killed before it kept its snapshot.
    const edited = [post('a', 1), post('b', 2, 'A new body.'), post('c', 3)]
    await resumed(first, galley, edited, { build: 'two', since: 'one' })
    // The post is as it was in the first build again, the snapshot it
    // resumes from the first build's: by that snapshot nothing changed.
    const { summary, fingerprints } = await resumed(first, galley, site(), {
      build: 'three',
      since: 'one'
    })
    // Every page: three posts, the home page, the 404 page.
    expect(fingerprints).toBe(5)
    expect(summary.written).toBe(1)
    expect(await readFile(path.join(out, 'posts/b/index.html'), 'utf8')).toContain('Body of b.')
  })
})

describe('writeSite and the sitemap', () => {
  it('should write the sitemap again when a post’s `updated` date changes, and only then', async () => {
    const withSitemap: GalleyConfig = { ...config, sitemap: undefined }
    const updated = (when: string) =>
      new VFile({
        path: 'content/b.md',
        value: `---\ntitle: B\ndate: 2020-01-02\nupdated: ${when}\n---\n\nBody of b.\n`
      })
    const write = async (files: VFile[]) =>
      writeSite(out, (await createGalley(withSitemap).build(files)).outputs, { records })
    await write([post('a', 1), updated('2020-02-01'), post('c', 3)])
    const before = await identities(out)
    expect(await readFile(path.join(out, 'sitemap.xml'), 'utf8')).toContain('2020-02-01')
    await write([post('a', 1), updated('2020-02-01'), post('c', 3)])
    expect((await identities(out))['sitemap.xml']).toBe(before['sitemap.xml'])
    await write([post('a', 1), updated('2020-03-05'), post('c', 3)])
    const sitemap = await readFile(path.join(out, 'sitemap.xml'), 'utf8')
    expect(sitemap).toContain('<lastmod>2020-03-05</lastmod>')
    expect(sitemap).not.toContain('2020-02-01')
  })
})

describe('the check right before each write', () => {
  it('should refuse to move a file through a folder swapped for a link since the build looked', async () => {
    const outside = path.join(root, 'outside')
    await mkdir(outside)
    await mkdir(path.join(out, 'posts/a'), { recursive: true })
    await writeFile(path.join(out, 'posts/a/index.html'), 'old')
    const staged = path.join(root, 'dist.galley-tmp-0000abcd')
    await mkdir(path.join(staged, 'posts/a'), { recursive: true })
    await writeFile(path.join(staged, 'posts/a/index.html'), 'new')
    // Between the build's look at the folder and its commit.
    await rm(path.join(out, 'posts'), { recursive: true })
    await symlink(outside, path.join(out, 'posts'))
    expect(() => commitInPlace(out, staged, ['posts/a/index.html'], [])).toThrow(
      /^Refusing to write into `.*dist\/posts`: a symbolic link leads it to `.*outside`, out of the output folder; remove the link and build again$/
    )
    expect(await readdir(outside)).toEqual([])
  })

  it('should refuse to add files through a folder of the other tool that is a link out', async () => {
    const outside = path.join(root, 'outside')
    await mkdir(outside)
    await mkdir(out)
    await symlink(outside, path.join(out, 'feeds'))
    await expect(writeInto(out, [{ path: 'feeds/rss.xml', value: '<rss/>' }])).rejects.toThrow(
      /a symbolic link leads it to `.*outside`/
    )
    expect(await readdir(outside)).toEqual([])
    // The check can fail: a real folder is written into.
    await rm(path.join(out, 'feeds'))
    await writeInto(out, [{ path: 'feeds/rss.xml', value: '<rss/>' }])
    expect(await readFile(path.join(out, 'feeds/rss.xml'), 'utf8')).toBe('<rss/>')
  })
})
