import { execFile } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it, onTestFinished } from 'vitest'
import { neverBundle, runtimeAliases, runtimeEntries } from '../src/runtime.js'

const run = promisify(execFile)
const dist = fileURLToPath(new URL('../dist/', import.meta.url))
const bin = fileURLToPath(new URL('../bin/galley.js', import.meta.url))
const layouts = fileURLToPath(new URL('fixtures/site/layouts.mjs', import.meta.url))
const scripts = readdirSync(dist).filter((name) => name.endsWith('.js'))
const source = (name: string) => readFileSync(path.join(dist, name), 'utf8')
// The output's own imports: statements at the start of a line and `import("…")`
// (the bundled packages' comments quote imports with single quotes).
const specifiers = (text: string) =>
  [
    ...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s*"([^".][^"]*)"/gm),
    ...text.matchAll(/\bimport\("([^".][^"]*)"\)/g)
  ].map((match) => match[1] as string)

describe('the built command', () => {
  it('should carry Galley and its dependencies, and load only what an install has', () => {
    const bare = new Set(scripts.flatMap((name) => specifiers(source(name))))
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))
    const outside = [...bare].filter((name) => !builtins.has(name)).sort()
    // Nothing of Galley's own is loaded from `node_modules`…
    expect(outside.filter((name) => name.startsWith('@galley/'))).toEqual([])
    // …and each package that is resolves from the command's own folder, as
    // it does in an install (a missing dependency fails `npx galley`).
    expect(outside).toEqual([...neverBundle].sort())
    const require = createRequire(path.join(dist, 'index.js'))
    for (const name of outside) expect(() => require.resolve(name)).not.toThrow()
  })

  it('should give the licence of every package it carries', () => {
    const notice = readFileSync(path.join(dist, 'LICENSES.md'), 'utf8')
    for (const name of ['micromark', 'yaml', 'unified', 'hast-util-to-html']) {
      expect(notice).toMatch(new RegExp(`^## ${name}@\\d`, 'm'))
    }
    const micromark = notice.split(/^## /m).find((part) => part.startsWith('micromark@'))
    expect(micromark).toMatch(/Permission is hereby granted/)
  })

  it('should give a config the copies of Galley it runs', () => {
    const aliases = runtimeAliases(pathToFileURL(path.join(dist, 'config.js')).href)
    expect(Object.keys(aliases).sort()).toEqual(Object.keys(runtimeEntries).sort())
    for (const file of Object.values(aliases)) {
      expect(path.dirname(file)).toBe(path.resolve(dist))
      expect(existsSync(file)).toBe(true)
    }
    // From source (these tests), the packages resolve as usual.
    expect(runtimeAliases(import.meta.url)).toEqual({})
  })

  it('should build a site whose config imports Galley’s packages', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-bundle-'))
    onTestFinished(() => rm(root, { recursive: true, force: true }))
    await mkdir(path.join(root, 'content'))
    await writeFile(
      path.join(root, 'galley.config.mjs'),
      [
        "import { fields, schemaFromFields } from '@galley/frontmatter'",
        "import { foldersOf } from '@galley/core/node'",
        `import { layouts } from ${JSON.stringify(pathToFileURL(layouts).href)}`,
        'export default {',
        "  site: 'https://bundle.test/',",
        '  contentDir: foldersOf(undefined).contentDir,',
        '  schema: schemaFromFields({ title: fields.title(), date: fields.date(), mood: fields.text() }),',
        '  layouts: {',
        '    ...layouts,',
        '    post: (post) => ({ type: "root", children: [{ type: "text", value: post.data.title + " is " + post.data.mood }] })',
        '  }',
        '}',
        ''
      ].join('\n')
    )
    await writeFile(
      path.join(root, 'content/a.md'),
      '---\ntitle: A\ndate: 2024-01-02\nmood: calm\n---\n\nBody.\n'
    )
    await run(process.execPath, [bin, 'build'], { cwd: root })
    expect(readFileSync(path.join(root, 'dist/posts/a/index.html'), 'utf8')).toBe('A is calm\n')
    await writeFile(
      path.join(root, 'content/a.md'),
      '---\ntitle: A\ndate: 2024-01-02\nmood: 3\n---\n\nBody.\n'
    )
    const failed = await run(process.execPath, [bin, 'build'], { cwd: root }).catch(
      (error: { code: number; stderr: string }) => error
    )
    expect(failed).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/a\.md\n\s+4:7\s+error\s+Unexpected `mood` value `3`/)
    })
  })

  it('should load layouts written in JSX, with the theme filling in the rest', async () => {
    // A site with no `node_modules`: hastscript's JSX runtime and the
    // theme are the command's own.
    const root = await mkdtemp(path.join(tmpdir(), 'galley-jsx-'))
    onTestFinished(() => rm(root, { recursive: true, force: true }))
    await mkdir(path.join(root, 'content/posts'), { recursive: true })
    await writeFile(
      path.join(root, 'galley.config.ts'),
      "import { post } from './layouts.tsx'\n\nexport default { site: 'https://jsx.test/', title: 'JSX', layouts: { post } }\n"
    )
    await writeFile(
      path.join(root, 'layouts.tsx'),
      [
        "import { raw, type Page, type PostData, type Site } from '@galley/core'",
        "import { headOf } from '@galley/theme'",
        '',
        'export const post = (page: Page<PostData>, site: Site<PostData>) => (',
        '  <>',
        "    {{ type: 'doctype' }}",
        '    <html lang="en">',
        '      <head>{headOf({ site, title: page.data.title, url: page.url, page })}</head>',
        '      <body>',
        '        <h1 class="title">{page.data.title}</h1>',
        '        {raw(page.html)}',
        '      </body>',
        '    </html>',
        '  </>',
        ')',
        ''
      ].join('\n')
    )
    await writeFile(
      path.join(root, 'content/posts/a.md'),
      '---\ntitle: "<script>alert(1)</script>"\ndate: 2024-01-02\ntags: [ x ]\n---\n\nBody.\n'
    )
    await run(process.execPath, [bin, 'build'], { cwd: root })
    const html = readFileSync(path.join(root, 'dist/posts/a/index.html'), 'utf8')
    expect(html).toContain('<h1 class="title">&#x3C;script>alert(1)&#x3C;/script></h1><p>Body.</p>')
    expect(html).toContain('<link rel="canonical" href="https://jsx.test/posts/a/">')
    // The layouts the config leaves out are the theme's.
    expect(readFileSync(path.join(root, 'dist/tags/index.html'), 'utf8')).toContain('<h1>Tags</h1>')
    expect(readFileSync(path.join(root, 'dist/index.html'), 'utf8')).toContain('<h1>JSX</h1>')
  })
})
