import { existsSync } from 'node:fs'
import { readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { type PreviewServer, preview } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeProject, runNode } from '../../../test-support/project.js'
import { sectionBlocks } from '../../../test-support/readme.js'

// The readme's Use, followed as written in what `npm create vite@latest --
// --template vanilla-ts` makes (a replica in fixtures/vite-starter), with the
// built package standing in for `npm install -D @galley/unplugin`.
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))
const readme = await readFile(here('../readme.md'), 'utf8')
const require = createRequire(import.meta.url)
const packageOf = (name: string) => path.dirname(require.resolve(`${name}/package.json`))
const executable = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) =>
  existsSync(file)
)

const tsc = [path.join(packageOf('typescript'), 'bin/tsc')]
const viteBuild = [path.join(packageOf('vite'), 'bin/vite.js'), 'build']
const blocks = sectionBlocks(readme, 'Use')
const fileBlocks = blocks.filter(
  (block) => ['md', 'ts', 'json'].includes(block.lang) && block.file !== undefined
)
let app = ''
let server: PreviewServer | undefined

beforeAll(async () => {
  // What `npm install` leaves: the template's vite and typescript, and this package.
  app = await makeProject({
    starter: here('fixtures/vite-starter/'),
    packages: {
      '@galley/unplugin': here('..'),
      vite: packageOf('vite'),
      typescript: packageOf('typescript')
    },
    // The tsconfig line is applied to the starter's tsconfig.json below.
    blocks: fileBlocks.filter((block) => block.file !== 'tsconfig.json')
  })
})

afterAll(async () => {
  await server?.close()
  await rm(app, { recursive: true, force: true })
})

describe('the readme’s Use in a fresh `npm create vite` app (vanilla-ts)', () => {
  it('should start from the starter the fixture copies and show its install line', () => {
    expect(readme).toContain('--template vanilla-ts')
    expect(blocks.find((block) => block.lang === 'sh')?.code).toBe(
      'npm install -D @galley/unplugin\n'
    )
    expect(fileBlocks.map((block) => block.file)).toEqual([
      'content/posts/hello.md',
      'content/pages/about.md',
      'vite.config.ts',
      'tsconfig.json',
      'src/main.ts'
    ])
  })

  it('should type-check and build with the files and the tsconfig line the readme shows', {
    timeout: 60_000
  }, async () => {
    // Without the readme's `types` line the starter's tsc cannot type the imports.
    const without = await runNode(tsc, app)
    expect(without.code).not.toBe(0)
    expect(without.printed).toContain(
      "TS2307: Cannot find module 'virtual:galley/collection/posts'"
    )

    const tsconfigBlock = fileBlocks.find((block) => block.file === 'tsconfig.json')
    const line = JSON.parse(`{${tsconfigBlock?.code ?? ''}}`) as { types: string[] }
    const tsconfig = JSON.parse(await readFile(path.join(app, 'tsconfig.json'), 'utf8'))
    tsconfig.compilerOptions.types = line.types
    await writeFile(path.join(app, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2))

    // `npm run build`: `tsc && vite build`, then again with the `dts` file written.
    expect(await runNode(tsc, app)).toEqual({ code: 0, printed: '' })
    const built = await runNode(viteBuild, app)
    expect(built.code, built.printed).toBe(0)
    expect(built.printed).not.toMatch(/warn|\[plugin galley\]/i)
    expect(await readdir(path.join(app, 'dist'))).toEqual(
      expect.arrayContaining(['index.html', 'rss.xml', 'atom.xml', 'feed.json', 'sitemap.xml'])
    )
    expect(await readFile(path.join(app, 'src/galley-env.d.ts'), 'utf8')).toContain(
      "declare module 'virtual:galley/collection/pages'"
    )
    expect(await runNode(tsc, app)).toEqual({ code: 0, printed: '' })
  })

  it.skipIf(!executable)(
    'should show the posts and the page in the browser',
    {
      timeout: 60_000
    },
    async () => {
      server = await preview({
        root: app,
        configFile: false,
        logLevel: 'silent',
        preview: { host: '127.0.0.1', port: 0, strictPort: false }
      })
      const url = server.resolvedUrls?.local[0] as string
      const browser = await chromium.launch({ executablePath: executable as string })
      try {
        const page = await browser.newPage()
        const errors: string[] = []
        page.on('pageerror', (error) => errors.push(error.message))
        await page.goto(url)
        await page.waitForSelector('#app h2 a')
        const shown = await page.evaluate(`(() => ({
        title: document.querySelector('#app h1')?.textContent,
        about: document.querySelector('#app h1 + p')?.textContent,
        posts: [...document.querySelectorAll('#app h2 a')].map((a) => [a.textContent, a.getAttribute('href')])
      }))()`)
        expect(shown).toEqual({
          title: 'About',
          about: 'Who writes here.',
          posts: [['Hello, world', '/posts/hello/']]
        })
        expect(errors).toEqual([])
      } finally {
        await browser.close()
      }
    }
  )

  it('should fail `vite build` on a bad date with the place and code frame the readme shows', {
    timeout: 60_000
  }, async () => {
    const post = path.join(app, 'content/posts/hello.md')
    const good = await readFile(post, 'utf8')
    await writeFile(post, good.replace(/^date: .*$/m, 'date: "not a date"'))
    try {
      const failed = await runNode(viteBuild, app)
      expect(failed.code).not.toBe(0)
      const shown = readme.slice(readme.indexOf('[plugin galley] /home/me/my-blog/'))
      const expected = shown
        .slice(0, shown.indexOf('\n```'))
        .replaceAll('/home/me/my-blog/', `${app}/`)
      expect(failed.printed).toContain(expected)
    } finally {
      await writeFile(post, good)
    }
  })
})
