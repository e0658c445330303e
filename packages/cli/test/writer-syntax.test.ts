import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { main } from '@galley/cli'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expectWriterSyntax, writerPost } from '../../../test-support/writer-syntax.js'
import { startDev } from './dev-server.js'
import { readFolder } from './folder.js'
import { capture } from './streams.js'

const resolve = createRequire(import.meta.url).resolve
const lintPreset = pathToFileURL(resolve('remark-preset-lint-recommended')).href

let site: string

// Every hook, in a config the workers load for themselves (jiti reads the
// shared TypeScript module): what they render must be what the main thread
// renders. Only math, highlighting and the hooks are set: the theme turns
// the rest of the writer syntax on.
const content = pathToFileURL(
  fileURLToPath(new URL('../../../test-support/writer-syntax-content.ts', import.meta.url))
).href
const config = `import { writerMarkdown } from ${JSON.stringify(content)}
const { math, highlight, hooks } = writerMarkdown
export default { site: 'https://hooks.test/', contentDir: 'content', markdown: { math, highlight, hooks } }
`

beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'galley-hooks-'))
  await mkdir(path.join(site, 'content/posts'), { recursive: true })
  await writeFile(path.join(site, 'galley.config.mjs'), config)
  for (let index = 1; index <= 6; index++) {
    await writeFile(path.join(site, `content/posts/post-${index}.md`), writerPost)
  }
})

afterAll(async () => {
  await rm(site, { recursive: true, force: true })
})

async function run(argv: string[], cwd = site) {
  const stdout = capture()
  const stderr = capture()
  const code = await main(argv, { cwd, stdout, stderr })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

describe('hooks and writer syntax through `galley build`', () => {
  it('should render every hook and feature the same in workers as on the main thread', async () => {
    const one = path.join(site, 'one')
    const three = path.join(site, 'three')
    const single = await run(['build', '--fresh', '--workers', '1', '--out', one])
    const pooled = await run(['build', '--fresh', '--workers', '3', '--out', three])
    expect(single.code, single.stderr).toBe(0)
    expect(pooled.code, pooled.stderr).toBe(0)
    const written = await readFolder(one)
    expect(await readFolder(three)).toEqual(written)
    const page = written['posts/post-3/index.html'] as string
    expectWriterSyntax(page)
    // Math on: the theme ships KaTeX's stylesheet and links it.
    expect(page).toContain('<link rel="stylesheet" href="/_galley/katex/katex.min.css">')
    expect(Object.keys(written)).toContain('_galley/katex/katex.min.css')
  }, 120_000)
})

describe('writer syntax in `galley dev`', () => {
  it('should serve the pages with math and the KaTeX files they link', async () => {
    const dev = await startDev(site)
    try {
      const page = await (await fetch(`${dev.origin}/posts/post-2/`)).text()
      expect(page).toContain('<link rel="stylesheet" href="/_galley/katex/katex.min.css">')
      expect(page).toContain('<aside class="hooked-caution">')
      const css = await fetch(`${dev.origin}/_galley/katex/katex.min.css`)
      expect(css.status).toBe(200)
      const font = /url\((fonts\/[^)]+\.woff2)\)/.exec(await css.text())?.[1]
      expect((await fetch(`${dev.origin}/_galley/katex/${font}`)).status).toBe(200)
    } finally {
      expect(await dev.stop()).toBe(0)
    }
  }, 60_000)
})

describe('remark-lint as a check', () => {
  it('should report a preset’s warnings as messages, failing only with `--frail`', async () => {
    const linted = await mkdtemp(path.join(tmpdir(), 'galley-lint-'))
    try {
      await mkdir(path.join(linted, 'content/posts'), { recursive: true })
      await writeFile(
        path.join(linted, 'galley.config.mjs'),
        `import recommended from ${JSON.stringify(lintPreset)}\nexport default { site: 'https://lint.test/', markdown: { remarkPlugins: [recommended] } }\n`
      )
      await writeFile(
        path.join(linted, 'content/posts/a.md'),
        '---\ntitle: A\ndate: 2024-01-01\n---\n\n* one\n\n[x]: https://a.test\n[x]: https://b.test\n'
      )
      const plain = await run(['check'], linted)
      expect(plain.code).toBe(0)
      expect(plain.stdout + plain.stderr).toMatch(
        /9:1\s+warning\s+Unexpected definition with an already defined identifier[^\n]*\s+no-duplicate-definitions\s+remark-lint/
      )
      const frail = await run(['check', '--frail'], linted)
      expect(frail.code).toBe(1)
      const written = await run(['build', '--frail'], linted)
      expect(written.code).toBe(1)
    } finally {
      await rm(linted, { recursive: true, force: true })
    }
  }, 60_000)
})
