import { readdir, readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { HtmlValidate } from 'html-validate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeProject, runNode } from '../../../test-support/project.js'
import { sectionBlocks } from '../../../test-support/readme.js'

// The readme's Use, followed as written in what Astro 5's minimal starter
// makes (a replica in fixtures/astro-starter), with this package (built: the
// astro CLI loads dist) and its Astro standing in for the install line.
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const readme = await readFile(here('../readme.md'), 'utf8')
const steps = sectionBlocks(readme, 'Use')
const files = steps.filter((block) => block.lang !== 'txt' && block.file)
let project = ''

/** `astro build` in the project. */
const astroBuild = () =>
  runNode([path.join(project, 'node_modules/astro/astro.js'), 'build'], project, {
    ASTRO_TELEMETRY_DISABLED: '1',
    NODE_OPTIONS: ''
  })

beforeAll(async () => {
  project = await makeProject({
    starter: here('fixtures/astro-starter/'),
    packages: { '@galley/astro': here('..'), astro: here('../node_modules/astro') },
    blocks: files
  })
})

afterAll(async () => {
  await rm(project, { recursive: true, force: true })
})

describe('the readme’s Use in a new Astro 5 project (minimal starter)', () => {
  it('should name the starter, the install line and each file it writes', () => {
    expect(readme).toContain('npm create astro@latest -- --template minimal')
    expect(readme).toContain('pnpm add @galley/astro astro@5')
    expect(files.map((block) => block.file)).toEqual([
      'astro.config.mjs',
      'src/content.config.ts',
      'src/pages/posts/[slug].astro',
      'content/posts/hello.md'
    ])
  })

  it('should build the post into a valid page, with the feeds beside it', {
    timeout: 120_000
  }, async () => {
    const built = await astroBuild()
    expect(built.code, built.printed).toBe(0)
    expect(built.printed).not.toMatch(/\[WARN\]|warning/)
    const html = await readFile(path.join(project, 'dist/posts/hello/index.html'), 'utf8')
    const report = await new HtmlValidate({
      extends: ['html-validate:recommended']
    }).validateString(html, 'posts/hello/index.html')
    expect(report.results.flatMap((result) => result.messages.map((m) => m.message))).toEqual([])
    expect(html).toContain('<title>Hello, world</title>')
    expect(html).toContain('<h1>Hello, world</h1>')
    expect(html).toContain('<h2 id="second-part">Second part</h2>')
    expect(await readdir(path.join(project, 'dist'))).toEqual(
      expect.arrayContaining(['rss.xml', 'atom.xml', 'feed.json'])
    )
  })
})
