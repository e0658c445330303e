import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import Eleventy from '@11ty/eleventy'
import galley, { type Options } from '@galley/eleventy'
import type { VFile } from 'vfile'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import {
  expectWriterSyntax,
  writerMarkdown,
  writerPost
} from '../../../test-support/writer-syntax.js'
import { png } from '../../images/test/fixtures.js'

const fixtures = fileURLToPath(new URL('fixtures/', import.meta.url))
let out: string

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-eleventy-'))
})

afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

/** Build a fixture with Eleventy and the plugin; gives the messages the plugin reported. */
async function build(
  name: string,
  options?: Partial<Options>,
  configure?: (eleventyConfig: { addPassthroughCopy(glob: string): void }) => void
) {
  const reported: VFile[] = []
  const input = path.relative(process.cwd(), path.join(fixtures, name))
  const eleventy = new Eleventy(input, out, {
    quietMode: true,
    config(eleventyConfig: unknown) {
      ;(eleventyConfig as { addPlugin(plugin: unknown, options: unknown): void }).addPlugin(
        galley,
        {
          site: 'https://cook.test/',
          now: new Date('2024-06-01T00:00:00Z'),
          onMessages: (files: VFile[]) => reported.push(...files),
          ...options
        }
      )
      configure?.(eleventyConfig as { addPassthroughCopy(glob: string): void })
    }
  })
  const error = await eleventy.write().then(
    () => undefined,
    (reason: unknown) => reason as Error
  )
  const messages = reported.flatMap((file) =>
    file.messages.map(
      (message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}`
    )
  )
  return { error, messages, input }
}

describe('@galley/eleventy', () => {
  it('should expose the plugin as the default export', async () => {
    expect(Object.keys(await import('@galley/eleventy')).sort()).toEqual(['default'])
  })

  it('should render Markdown through Galley inside Eleventy layouts', async () => {
    const { error } = await build('site')
    expect(error).toBe(undefined)
    const page = await readFile(path.join(out, 'posts/first/index.html'), 'utf8')
    expect(page).toContain('<title>First steps</title>')
    expect(page).toContain('<h2 id="gear">Gear</h2>')
    // Galley's publishing rules: the draft is not written.
    expect(existsSync(path.join(out, 'posts/draft/index.html'))).toBe(false)
    // The Nunjucks index is Eleventy's own, untouched.
    expect(await readFile(path.join(out, 'index.html'), 'utf8')).toContain(
      '<a href="/posts/second/">Second try: better</a>'
    )
  })

  it('should check links across the pages Eleventy wrote, at the link in the Markdown', async () => {
    const { messages, input } = await build('site')
    // Eleventy's own keys (`layout`) are not unknown keys; one anchor is missing.
    expect(messages).toEqual([`${path.join(input, 'posts/second.md')}:12:53 missing-anchor`])
  })

  it('should write RSS, Atom and JSON feeds of the published posts, with Eleventy’s URLs', async () => {
    await build('site')
    const rss = await readFile(path.join(out, 'rss.xml'), 'utf8')
    expect(rss.match(/<item>/g)).toHaveLength(2)
    expect(rss).toContain('<link>https://cook.test/posts/second/</link>')
    expect(rss).not.toContain('Not finished')
    expect(await readFile(path.join(out, 'atom.xml'), 'utf8')).toContain(
      '<title>Second try: better</title>'
    )
    const json = JSON.parse(await readFile(path.join(out, 'feed.json'), 'utf8'))
    expect(json.items.map((item: { url: string }) => item.url)).toEqual([
      'https://cook.test/posts/second/',
      'https://cook.test/posts/first/'
    ])
    expect(await readFile(path.join(out, 'tags/notes/rss.xml'), 'utf8')).toContain('Second try')
  })

  it('should warn through Eleventy’s logger by default, as vfile-reporter prints', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'warn').mockImplementation((...values: unknown[]) => {
      lines.push(values.map(String).join(' '))
    })
    try {
      const { error } = await build('site', { onMessages: undefined })
      expect(error).toBe(undefined)
    } finally {
      spy.mockRestore()
    }
    const text = stripVTControlCharacters(lines.join('\n'))
    expect(text).toContain('posts/second.md')
    expect(text).toContain(
      '[11ty] 12:53-12:88 warning Cannot find heading for `#kettle` on `/posts/first/`'
    )
  })

  it('should render, not validate, Markdown that no collection takes', async () => {
    const { error, messages } = await build('mixed', {
      collections: { posts: { glob: 'posts/*.md' } }
    })
    expect(error).toBe(undefined)
    expect(messages).toEqual([])
    expect(await readFile(path.join(out, 'rss.xml'), 'utf8')).toContain('<title>Only post</title>')
    expect(await readFile(path.join(out, 'notes/index.html'), 'utf8')).toContain(
      '<h1 id="kitchen-notes">Kitchen notes</h1>'
    )
  })

  it('should report every page with invalid front matter at its line and column, and fail', async () => {
    const { error, messages, input } = await build('bad')
    expect(messages).toEqual([
      `${path.join(input, 'also-broken.md')}:2:8 schema`,
      `${path.join(input, 'broken.md')}:3:7 schema`
    ])
    // The messages went to `onMessages`; the error names the pages and places.
    expect(error?.message).toBe(
      `Galley found errors in 2 pages; fix ${path.join(input, 'also-broken.md')}:2:8 and ${path.join(input, 'broken.md')}:3:7`
    )
  })
})

describe('writer syntax and hooks', () => {
  it('should render every feature and hook inside Eleventy as `galley build` does', async () => {
    const input = await mkdtemp(path.join(process.cwd(), '.galley-eleventy-writer-'))
    try {
      await mkdir(path.join(input, 'posts'), { recursive: true })
      await writeFile(path.join(input, 'posts/writer.md'), writerPost)
      const { error } = await build(path.relative(fixtures, input), { markdown: writerMarkdown })
      expect(error).toBe(undefined)
      expectWriterSyntax(await readFile(path.join(out, 'posts/writer/index.html'), 'utf8'))
    } finally {
      await rm(input, { recursive: true, force: true })
    }
  })

  it('should give images their size from the file and lazy loading, check them against the files Eleventy copied, and warn of missing alt text', async () => {
    const input = await mkdtemp(path.join(process.cwd(), '.galley-eleventy-images-'))
    try {
      await mkdir(path.join(input, 'posts/trip'), { recursive: true })
      await writeFile(path.join(input, 'posts/trip/photo.png'), await png(120, 80))
      await writeFile(
        path.join(input, 'posts/trip/index.md'),
        '---\ntitle: Trip\ndate: 2024-01-01\n---\n\n![A photo](photo.png)\n\n<img src="photo.png">\n'
      )
      const relative = path.relative(process.cwd(), input)
      const { error, messages } = await build(path.relative(fixtures, input), {}, (config) =>
        config.addPassthroughCopy(`${relative}/**/*.png`)
      )
      expect(error).toBe(undefined)
      const html = await readFile(path.join(out, 'posts/trip/index.html'), 'utf8')
      expect(html).toContain('<img src="photo.png" alt="A photo" width="120" height="80">')
      expect(html).toContain(
        '<img src="photo.png" loading="lazy" decoding="async" width="120" height="80">'
      )
      expect(existsSync(path.join(out, 'posts/trip/photo.png'))).toBe(true)
      expect(messages).toEqual([`${relative}/posts/trip/index.md:8:1 image-alt`])
      // Without the copy, the page would show a broken image: an error at it.
      await rm(out, { recursive: true, force: true })
      const missing = await build(path.relative(fixtures, input))
      expect(missing.error).toBeInstanceOf(Error)
      expect(missing.messages).toContain(`${relative}/posts/trip/index.md:6:1 missing-image`)
    } finally {
      await rm(input, { recursive: true, force: true })
    }
  })
})
