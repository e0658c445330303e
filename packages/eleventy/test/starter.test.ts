import { readFile, rm } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeProject, runNode } from '../../../test-support/project.js'
import { sectionBlocks } from '../../../test-support/readme.js'

// The readme's Use, followed as written in a project made as Eleventy's Get
// started makes one (fixtures/eleventy-starter), with this package (built:
// the Eleventy CLI loads dist) and its Eleventy standing in for the install line.
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const readme = await readFile(here('../readme.md'), 'utf8')
const files = sectionBlocks(readme, 'Use').filter(
  (block) => ['javascript', 'md'].includes(block.lang) && block.file
)
let project = ''

beforeAll(async () => {
  project = await makeProject({
    starter: here('fixtures/eleventy-starter/'),
    packages: {
      '@galley/eleventy': here('..'),
      '@11ty/eleventy': here('../node_modules/@11ty/eleventy')
    },
    blocks: files
  })
})

afterAll(async () => {
  await rm(project, { recursive: true, force: true })
})

describe('the readme’s Use in a new Eleventy project', () => {
  it('should name how the project is made, the install line and each file it writes', () => {
    expect(readme).toContain('`npm pkg set type="module"`')
    expect(readme).toContain('pnpm add -D @galley/eleventy @11ty/eleventy')
    expect(files.map((block) => block.file)).toEqual(['eleventy.config.js', 'posts/hello.md'])
  })

  it('should build the post through Galley, with the feeds, and print no warning', {
    timeout: 60_000
  }, async () => {
    const printed = await runNode(
      [path.join(project, 'node_modules/@11ty/eleventy/cmd.cjs')],
      project
    )
    expect(printed.code, printed.printed).toBe(0)
    expect(printed.printed).toMatch(
      /^\[11ty\] Writing \.\/_site\/posts\/hello\/index\.html from \.\/posts\/hello\.md \(liquid\)\n\[11ty\] Wrote 1 file in [\d.]+ seconds \(v3\.[\d.]+\)\n$/
    )
    const post = await readFile(path.join(project, '_site/posts/hello/index.html'), 'utf8')
    expect(post).toContain('<h2 id="second-part">Second part</h2>')
    expect(post).toContain('<a href="#second-part">second part</a>')
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) {
      expect(await readFile(path.join(project, '_site', feed), 'utf8')).toContain(
        'https://example.com/posts/hello/'
      )
    }
  })
})
