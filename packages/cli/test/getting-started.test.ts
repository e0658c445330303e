import { readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { HtmlValidate } from 'html-validate'
import { glob } from 'tinyglobby'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeProject, runNode } from '../../../test-support/project.js'
import { installable, sectionBlocks } from '../../../test-support/readme.js'

// docs/getting-started.md's "Start your own blog", followed as written in an
// empty folder: its install line (the workspace's packages stand in for the
// registry's), its files, then `galley build` from the built command.
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const guide = await readFile(here('../../../docs/getting-started.md'), 'utf8')
const bin = here('../bin/galley.js')

/** The built command in `cwd`, at 80 columns without colour. */
const galley = (args: string[], cwd: string) => runNode([bin, ...args], cwd, { COLUMNS: '80' })

const steps = sectionBlocks(guide, 'Start your own blog')
const install = steps.find((block) => block.lang === 'sh' && block.code.includes(' add '))
const installed = (install?.code ?? '').trim().split(/\s+/).slice(3)
const files = steps.filter((block) => ['md', 'ts', 'tsx'].includes(block.lang) && block.file)
let blog = ''

beforeAll(async () => {
  const packages: Record<string, string> = {}
  for (const name of installed)
    packages[name] = await installable(name, new URL('../', import.meta.url))
  blog = await makeProject({ packages, blocks: files })
})

afterAll(async () => {
  await rm(blog, { recursive: true, force: true })
})

describe('docs/getting-started.md, followed as written', () => {
  it('should install every package its code imports', () => {
    expect(install?.code).toBe('pnpm add -D @galley/cli @galley/core @galley/theme hastscript\n')
    expect(files.map((block) => block.file)).toEqual([
      'content/posts/hello.md',
      'galley.config.ts',
      'layouts.tsx'
    ])
    const imported = files.flatMap((block) =>
      [...block.code.matchAll(/from '([^.'][^']*)'/g)].map((match) => match[1])
    )
    expect(imported.length).toBeGreaterThan(0)
    for (const name of imported) expect(installed).toContain(name)
  })

  it('should build pages that html-validate accepts, each with one title and one h1', {
    timeout: 30_000
  }, async () => {
    const built = await galley(['build'], blog)
    expect(built.printed).toMatch(
      /^galley: built 1 page in [\d.]+ m?s: 1 rendered; wrote \d+ files to `dist`\n$/
    )
    expect(built.code).toBe(0)
    const pages = await glob('**/*.html', { cwd: path.join(blog, 'dist') })
    expect(pages).toContain('posts/hello/index.html')
    const validator = new HtmlValidate({ extends: ['html-validate:recommended'] })
    for (const page of pages) {
      const html = await readFile(path.join(blog, 'dist', page), 'utf8')
      const report = await validator.validateString(html, page)
      expect(report.results.flatMap((result) => result.messages.map((m) => m.message))).toEqual([])
      expect(html.startsWith('<!DOCTYPE html>'), page).toBe(true)
      expect(html.match(/<meta charset="utf-8">/g), page).toHaveLength(1)
      expect(html.match(/<meta name="viewport"/g), page).toHaveLength(1)
      expect(html.match(/<title>/g), page).toHaveLength(1)
      expect(html.match(/<h1[ >]/g), page).toHaveLength(1)
    }
    const post = await readFile(path.join(blog, 'dist/posts/hello/index.html'), 'utf8')
    expect(post).toContain('<title>Hello · My blog</title>')
    expect(post).toContain('<h1>Hello</h1>')
    expect(post).toContain('<h2 id="setup">Setup</h2>')
  })

  it('should print what "When something is wrong" shows for a bad date, and exit 1', {
    timeout: 30_000
  }, async () => {
    const post = path.join(blog, 'content/posts/hello.md')
    const good = await readFile(post, 'utf8')
    await writeFile(post, good.replace(/^date: .*$/m, 'date: "someday"'))
    try {
      const shown = sectionBlocks(guide, 'When something is wrong').find(
        (block) => block.lang === 'txt'
      )
      const failed = await galley(['build'], blog)
      expect(failed.printed).toBe(shown?.code)
      expect(failed.code).toBe(1)
    } finally {
      await writeFile(post, good)
    }
  })
})
