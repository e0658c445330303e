import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify, stripVTControlCharacters } from 'node:util'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { expectWriterSyntax, writerPost } from '../../../test-support/writer-syntax.js'
import { png } from '../../images/test/fixtures.js'

const run = promisify(execFile)
const content = fileURLToPath(
  new URL('../../../test-support/writer-syntax-content.ts', import.meta.url)
)
const here = fileURLToPath(new URL('./', import.meta.url))
const astro = fileURLToPath(new URL('../node_modules/astro/astro.js', import.meta.url))
let root: string

// Each build runs in a copy inside this package (Astro writes `.astro/` and
// a cache beside the config; `@galley/astro` resolves to this package).
beforeEach(async () => {
  await mkdir(path.join(here, '.work'), { recursive: true })
  root = await mkdtemp(path.join(here, '.work', 'site-'))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

async function build(fixture: string, prepare?: () => Promise<void>) {
  await cp(path.join(here, 'fixtures', fixture), root, { recursive: true })
  await prepare?.()
  return run(process.execPath, [astro, 'build'], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_OPTIONS: '' }
  }).then(
    // What a person reads: colour (on in CI, where Astro forces it) stripped.
    ({ stdout, stderr }) => ({ code: 0, output: stripVTControlCharacters(stdout + stderr) }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: stripVTControlCharacters(error.stdout + error.stderr)
    })
  )
}

const read = (file: string) => readFile(path.join(root, 'dist', file), 'utf8')

describe('@galley/astro', () => {
  it('should expose the integration, the loader and the renderer', async () => {
    expect(Object.keys(await import('@galley/astro')).sort()).toEqual([
      'default',
      'galleyLoader',
      'galleyMarkdownRenderer'
    ])
  })

  it('should build an Astro site from Galley entries, with feeds and link checks', {
    timeout: 120_000
  }, async () => {
    const { code, output } = await build('site')
    expect(code, output).toBe(0)
    const page = await read('posts/tomatoes/index.html')
    // Rendered by Galley, through `render(entry)`: heading ids and headings.
    expect(page).toContain('<h2 id="watering">Watering</h2>')
    expect(page).toContain('<a href="#watering">Watering</a>')
    // Front matter validated by Galley: `date` is a `Date`.
    expect(page).toContain('<p class="date">2024-04-10</p>')
    // The scheduled post is not published at `now`.
    expect(existsSync(path.join(root, 'dist/posts/later/index.html'))).toBe(false)
    const rss = await read('rss.xml')
    expect(rss.match(/<item>/g)).toHaveLength(2)
    expect(rss).toContain('<link>https://garden.test/posts/tomatoes/</link>')
    expect(await read('tags/vegetables/rss.xml')).toContain('Tomatoes in Pots')
    // The link check of `astro:build:done`, at the line and column of the built page.
    expect(output).toContain(
      'posts/soil/index.html\n3:44-3:91 warning Cannot find heading for `#watring` on `/posts/tomatoes/`; did you mean `#watering` missing-anchor @galley/links'
    )
  })

  it('should render writer syntax and every hook in entries, as `galley build` does', {
    timeout: 120_000
  }, async () => {
    const { code, output } = await build('site', async () => {
      await writeFile(path.join(root, 'content/posts/writer.md'), writerPost)
      // An image in public/, which Astro copies: Galley gives it its size.
      await mkdir(path.join(root, 'public'), { recursive: true })
      await writeFile(path.join(root, 'public/photo.png'), await png(90, 30))
      await writeFile(
        path.join(root, 'content/posts/photo.md'),
        '---\ntitle: Photo\ndate: 2024-05-01\n---\n\nText.\n\n![A photo](/photo.png)\n'
      )
      // Galley's packages run as Node loads them, as from npm: linked from
      // the workspace, Vite would run them itself, and their lazy imports
      // (Shiki, on the first code block) after its module runner closed.
      await writeFile(
        path.join(root, 'astro.config.mjs'),
        `import galley from '@galley/astro'

export default {
  site: 'https://garden.test/',
  integrations: [galley({ now: new Date('2024-06-01T00:00:00Z') })],
  vite: { ssr: { external: ['@galley/astro', '@galley/core', '@galley/markdown'] } }
}
`
      )
      // The loader's Markdown options, with every hook (the post and options the other hosts' tests use).
      await writeFile(
        path.join(root, 'src/content.config.ts'),
        `import { defineCollection } from 'astro:content'
import { galleyLoader } from '@galley/astro'
import { writerMarkdown } from ${JSON.stringify(content)}

export const collections = {
  posts: defineCollection({
    loader: galleyLoader({ base: 'content', now: new Date('2024-06-01T00:00:00Z'), markdown: writerMarkdown })
  })
}
`
      )
    })
    expect(code, output).toBe(0)
    expectWriterSyntax(await read('posts/writer/index.html'))
    expect(await read('posts/photo/index.html')).toContain(
      '<img src="/photo.png" alt="A photo" width="90" height="30">'
    )
  })

  it('should fail the build naming every bad file with line and column', {
    timeout: 120_000
  }, async () => {
    const { code, output } = await build('bad')
    expect(code).not.toBe(0)
    expect(output).toContain('Galley found errors in 2 files of `posts`')
    expect(output).toMatch(
      /content\/posts\/one\.md\n\s*3:7-3:12\s+error\s+Unexpected `date` value `never`/
    )
    expect(output).toMatch(/content\/posts\/two\.md\n\s*1:1-4:4\s+error\s+Missing `title`/)
    // Astro's own place line, at the first error, and no stack of its or Galley's internals.
    expect(output).toContain(`  Location:\n    ${path.join(root, 'content/posts/one.md')}:3:7\n`)
    expect(output).not.toContain('Stack trace')
    expect(output).not.toMatch(/^\s+at /m)
  })
})
