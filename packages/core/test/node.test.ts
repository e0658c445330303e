import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createGalley, defineCollection } from '@galley/core'
import {
  buildSite,
  loadAssets,
  loadContent,
  loadData,
  loadSite,
  writeInto,
  writeSite
} from '@galley/core/node'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { post } from './fixtures.js'

let root: string

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-core-'))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('@galley/core/node', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/core/node')).sort()).toEqual([
      'OutDirError',
      'buildSite',
      'checkOutDir',
      'createContentCache',
      'createLiveSite',
      'fallbacksKey',
      'foldersOf',
      'loadAssets',
      'loadBundles',
      'loadContent',
      'loadData',
      'loadSite',
      'loadedDigest',
      'manifestName',
      'outputsIntact',
      'readContentFile',
      'readGitDates',
      'readSnapshot',
      'recoverOutDir',
      'recoverOutDirSync',
      'restoreMessages',
      'resumeSite',
      'storeMessages',
      'withDataFiles',
      'writeInto',
      'writeSite',
      'writeSnapshot'
    ])
  })

  it('should load Markdown files with paths relative to `cwd`, sorted', async () => {
    await mkdir(path.join(root, 'content/posts/deep'), { recursive: true })
    await writeFile(path.join(root, 'content/posts/b.md'), 'b')
    await writeFile(path.join(root, 'content/posts/deep/a.md'), 'a')
    await writeFile(path.join(root, 'content/posts/notes.txt'), 'no')
    const files = await loadContent('content', { cwd: root })
    expect(files.map((file) => [file.path, String(file.value)])).toEqual([
      ['content/posts/b.md', 'b'],
      ['content/posts/deep/a.md', 'a']
    ])
    expect(files[0]?.cwd).toBe(root)
  })

  it('should write a site and replace the previous one whole', async () => {
    const out = path.join(root, 'dist')
    await writeSite(out, [{ path: 'stale.html', value: 'old' }])
    await writeSite(out, [
      { path: 'index.html', value: '<p>home</p>' },
      { path: 'posts/a/index.html', value: '<p>a</p>' }
    ])
    expect(await readFile(path.join(out, 'posts/a/index.html'), 'utf8')).toBe('<p>a</p>')
    expect((await readdir(out)).sort()).toEqual(['.galley-manifest.json', 'index.html', 'posts'])
    expect(JSON.parse(await readFile(path.join(out, '.galley-manifest.json'), 'utf8'))).toEqual({
      generator: 'galley',
      files: ['index.html', 'posts/a/index.html']
    })
    expect(await readdir(root)).toEqual(['dist'])
  })

  it('should leave the previous site untouched when writing fails', async () => {
    const out = path.join(root, 'dist')
    await writeSite(out, [{ path: 'index.html', value: 'v1' }])
    // `a` cannot be both a file and a folder: the second write fails midway.
    const failing = writeSite(out, [
      { path: 'index.html', value: 'v2' },
      { path: 'a', value: 'file' },
      { path: 'a/index.html', value: 'page' }
    ])
    await expect(failing).rejects.toThrow()
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toBe('v1')
    expect(await readdir(root)).toEqual(['dist'])
  })

  it('should add files to a folder another tool wrote, and refuse paths outside it', async () => {
    const dist = path.join(root, 'dist')
    await mkdir(dist)
    await writeFile(path.join(dist, 'index.html'), 'theirs')
    await writeInto(dist, [{ path: 'tags/a/rss.xml', value: '<rss/>' }])
    expect((await readdir(dist)).sort()).toEqual(['.galley-manifest.json', 'index.html', 'tags'])
    expect(await readFile(path.join(dist, 'tags/a/rss.xml'), 'utf8')).toBe('<rss/>')
    await expect(
      writeInto(dist, [
        { path: 'ok.xml', value: 'x' },
        { path: '../escape.xml', value: 'x' }
      ])
    ).rejects.toThrow('resolves outside the output folder')
    expect((await readdir(root)).sort()).toEqual(['dist'])
    expect((await readdir(dist)).sort()).toEqual(['.galley-manifest.json', 'index.html', 'tags'])
    // Its own files it replaces; the other tool's, never.
    await writeInto(dist, [{ path: 'tags/a/rss.xml', value: '<rss>2</rss>' }])
    expect(await readFile(path.join(dist, 'tags/a/rss.xml'), 'utf8')).toBe('<rss>2</rss>')
    await expect(writeInto(dist, [{ path: 'index.html', value: 'mine' }])).rejects.toThrow(
      'Refusing to replace `index.html` in'
    )
    expect(await readFile(path.join(dist, 'index.html'), 'utf8')).toBe('theirs')
  })

  it('should refuse paths outside the output folder before writing anything', async () => {
    const out = path.join(root, 'dist')
    await expect(
      writeSite(out, [
        { path: 'ok.html', value: 'x' },
        { path: '../escape.html', value: 'x' }
      ])
    ).rejects.toThrow(
      'Refusing to write `../escape.html`: it resolves outside the output folder; check the permalink'
    )
    expect(await readdir(root)).toEqual([])
  })
  it('should lay out each page as it is written, not all at once before', async () => {
    const laidOut: string[] = []
    const page = (name: string) => () => {
      laidOut.push(name)
      return h(null, h('p', name)) as Root
    }
    const galley = createGalley({
      site: 'https://b.test/',
      layouts: {
        post: (entry) => page(entry.url)(),
        index: page('/'),
        tag: (tag) => page(tag.url)(),
        notFound: page('404')
      }
    })
    const result = await galley.build([
      post('a.md', 'title: A\ndate: 2024-01-01\ntags: [ t ]'),
      post('b.md', 'title: B\ndate: 2024-01-02')
    ])
    // Building keeps the rendered bodies, not the pages' HTML: layouts wait.
    expect(laidOut).toEqual([])
    await writeSite(path.join(root, 'dist'), result.outputs)
    expect(laidOut).toEqual(['/posts/b/', '/posts/a/', '/', '/tags/t/', '404'])
    expect(await readFile(path.join(root, 'dist/posts/a/index.html'), 'utf8')).toBe(
      '<p>/posts/a/</p>\n'
    )
  })

  it('should load assets as bytes, and find none in a missing folder', async () => {
    await mkdir(path.join(root, 'public/images'), { recursive: true })
    await writeFile(
      path.join(root, 'public/images/logo.png'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47])
    )
    const assets = await loadAssets(path.join(root, 'public'))
    expect(assets.map((asset) => [asset.path, [...asset.value]])).toEqual([
      ['images/logo.png', [0x89, 0x50, 0x4e, 0x47]]
    ])
    expect(await loadAssets(path.join(root, 'nope'))).toEqual([])
    await writeSite(path.join(root, 'dist'), assets)
    expect([...(await readFile(path.join(root, 'dist/images/logo.png')))]).toEqual([
      0x89, 0x50, 0x4e, 0x47
    ])
  })
  it('should load data collections, validate each file, and report bad files at their line', async () => {
    await mkdir(path.join(root, 'content/authors'), { recursive: true })
    const dir = path.join(root, 'content/authors')
    await writeFile(path.join(dir, 'ann.yaml'), 'name: Ann Baker\nemail: ann@b.test\n')
    await writeFile(path.join(dir, 'bo.json'), '{ "name": "Bo" }')
    await writeFile(path.join(dir, 'di.toml'), 'name = "Di"\n')
    await writeFile(path.join(dir, 'bad.yml'), 'name: [ unclosed\n')
    await writeFile(path.join(dir, 'cy.yaml'), 'email: cy@b.test\nname: 3\n')
    await writeFile(path.join(dir, 'notes.txt'), 'not data')
    const schema = z.object({ name: z.string(), email: z.string().optional() })
    const { data, files } = await loadData(
      {
        contentDir: 'content',
        collections: { authors: { type: 'data', glob: 'authors/*', schema } }
      },
      { cwd: root }
    )
    expect(data).toEqual({
      authors: [
        { id: 'ann', data: { name: 'Ann Baker', email: 'ann@b.test' } },
        { id: 'bo', data: { name: 'Bo' } },
        { id: 'di', data: { name: 'Di' } }
      ]
    })
    const problems = files.flatMap((file) =>
      file.messages.map((message) => [file.path, message.line, message.column, message.ruleId])
    )
    expect(problems).toEqual([
      [path.join('content', 'authors', 'bad.yml'), 1, 7, 'yaml-syntax'],
      [path.join('content', 'authors', 'cy.yaml'), 2, 7, 'schema']
    ])
    expect(files.every((file) => file.messages.every((message) => message.fatal))).toBe(true)
  })

  it('should load and build a whole site as the hosts do, a bad data file failing it', async () => {
    await mkdir(path.join(root, 'content/authors'), { recursive: true })
    await mkdir(path.join(root, 'public'), { recursive: true })
    await writeFile(path.join(root, 'content/a.md'), '---\ntitle: A\ndate: 2020-01-01\n---\n')
    await writeFile(path.join(root, 'content/authors/ann.yaml'), 'name: [ unclosed\n')
    await writeFile(path.join(root, 'public/logo.png'), 'png')
    const config = {
      site: 'https://b.test/',
      collections: { authors: defineCollection({ type: 'data', glob: 'authors/*.yaml' }) }
    }
    const site = await loadSite(config, { cwd: root })
    expect(site.files.map((file) => file.path)).toEqual(['content/a.md'])
    expect(site.assets.map((asset) => asset.path)).toEqual(['logo.png'])
    expect(site.dataFiles.map((file) => file.path)).toEqual([
      path.join('content', 'authors', 'ann.yaml')
    ])
    const result = await buildSite(createGalley(config), site)
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/a/'])
    expect(result.outputs.map((file) => file.path)).toContain('logo.png')
    expect(result.files.map((file) => file.path)).toContain(
      path.join('content', 'authors', 'ann.yaml')
    )
    expect(result.ok).toBe(false)
    expect((await loadSite(config, { cwd: root, assets: false })).assets).toEqual([])
  })

  it('should read Markdown inside a page bundle as its resources, not as pages, as Hugo does', async () => {
    await mkdir(path.join(root, 'content/trip/notes/day'), { recursive: true })
    const page = '---\ntitle: T\ndate: 2020-01-01\n---\n'
    await writeFile(path.join(root, 'content/index.md'), page)
    await writeFile(path.join(root, 'content/other.md'), page)
    await writeFile(path.join(root, 'content/trip/index.md'), page)
    // Text the bundle's page may use (a headless bundle's snippets): no front matter.
    await writeFile(path.join(root, 'content/trip/snippet.md'), 'Some words.\n')
    await writeFile(path.join(root, 'content/trip/notes/more.md'), 'More words.\n')
    await writeFile(path.join(root, 'content/trip/notes/day/index.md'), page)
    // A headless bundle: no page, no title needed.
    await mkdir(path.join(root, 'content/snippets'), { recursive: true })
    await writeFile(path.join(root, 'content/snippets/index.md'), '---\nheadless: true\n---\n')
    await writeFile(path.join(root, 'content/snippets/install.md'), 'Run it.\n')
    const site = await loadSite({ site: 'https://b.test/' }, { cwd: root })
    expect(site.files.map((file) => file.path)).toEqual([
      path.join('content', 'index.md'),
      path.join('content', 'other.md'),
      path.join('content', 'trip', 'index.md'),
      path.join('content', 'trip', 'notes', 'day', 'index.md')
    ])
    expect(site.bundles).toEqual([])
  })
})
