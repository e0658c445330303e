import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createGalley } from '@galley/core'
import { katexAssets, katexStylesheet, theme, themeMarkdown } from '@galley/theme'
import { type Browser, chromium } from 'playwright-core'
import { VFile } from 'vfile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const executable = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) =>
  existsSync(file)
)
const shots = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url))

let site: string
let server: Server
let origin: string
let html: string
let browser: Browser | undefined

beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'galley-theme-features-'))
  const value = await readFile(new URL('fixtures/everything.md', import.meta.url), 'utf8')
  const result = await createGalley({
    site: 'https://features.test/',
    title: 'Crumb & Crust',
    markdown: {
      ...themeMarkdown,
      math: true,
      highlight: { themes: { light: 'github-light', dark: 'github-dark' } }
    },
    layouts: theme()
  }).build([new VFile({ path: 'content/posts/everything.md', value })])
  expect(result.files.flatMap((file) => file.messages).map(String)).toEqual([])
  for (const file of [...result.outputs, ...(await katexAssets())]) {
    const to = path.join(site, file.path)
    await mkdir(path.dirname(to), { recursive: true })
    await writeFile(to, file.value)
  }
  html = await readFile(path.join(site, 'posts/everything/index.html'), 'utf8')
  // Served over HTTP, as a site is: the stylesheet's path starts at the top.
  server = createServer(async (request, response) => {
    const name = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)
    const file = path.join(site, name.endsWith('/') ? `${name}index.html` : name)
    try {
      const body = await readFile(file)
      const type = file.endsWith('.css')
        ? 'text/css'
        : file.endsWith('.woff2')
          ? 'font/woff2'
          : 'text/html; charset=utf-8'
      response.writeHead(200, { 'content-type': type }).end(body)
    } catch {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`
  if (executable) browser = await chromium.launch({ executablePath: executable })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
  await rm(site, { recursive: true, force: true })
})

describe('what writers type, in the theme', () => {
  it('should link KaTeX’s stylesheet on a page with math, and ship it with its fonts', async () => {
    expect(html).toContain(`<link rel="stylesheet" href="${katexStylesheet}">`)
    const css = await readFile(path.join(site, katexStylesheet), 'utf8')
    for (const font of css.matchAll(/url\((fonts\/[^)]+)\)/g)) {
      expect(existsSync(path.join(site, '_galley/katex', font[1] as string))).toBe(true)
    }
  })

  it('should not link it on a page without math', async () => {
    const home = await readFile(path.join(site, 'index.html'), 'utf8')
    expect(home).not.toContain(katexStylesheet)
  })

  describe.skipIf(!executable)('in Chromium', () => {
    for (const width of [1280, 375]) {
      for (const scheme of ['light', 'dark'] as const) {
        it(`should show every feature at ${width} px in ${scheme} mode`, async () => {
          const context = await (browser as Browser).newContext({
            viewport: { width, height: 900 },
            colorScheme: scheme
          })
          try {
            const page = await context.newPage()
            await page.goto(`${origin}/posts/everything/`)
            await page.evaluate('document.fonts.ready')
            const seen = (await page.evaluate(`(() => {
              const style = (selector, property, pseudo) => {
                const element = document.querySelector(selector)
                return element ? getComputedStyle(element, pseudo).getPropertyValue(property) : null
              }
              return {
                alerts: [...document.querySelectorAll('.markdown-alert')].map((element) => getComputedStyle(element).borderLeftColor),
                titles: [...document.querySelectorAll('.markdown-alert-title')].map((element) => element.textContent),
                mathml: style('.katex-mathml', 'position'),
                katexFont: document.fonts.check('16px KaTeX_Main'),
                codeTitle: document.querySelector('.code-title')?.textContent,
                lineNumber: style('pre.line-numbers .line', 'content', '::before'),
                highlighted: document.querySelectorAll('.line.highlighted').length,
                diff: [document.querySelectorAll('.diff.add').length, document.querySelectorAll('.diff.remove').length],
                toc: [...document.querySelectorAll('nav.toc a')].map((link) => link.getAttribute('href')),
                anchor: document.querySelector('.heading-anchor')?.getAttribute('aria-label'),
                details: document.querySelector('details')?.open,
                abbr: style('abbr[title]', 'text-decoration-style'),
                code: style('pre.shiki', 'background-color'),
                token: style('pre.shiki .line span', 'color'),
                over: document.documentElement.scrollWidth - document.documentElement.clientWidth
              }
            })()`)) as Record<string, unknown>
            expect(seen.titles).toEqual([
              'Note',
              'Tip',
              'Important',
              'Warning',
              'Caution',
              'Proof the dough'
            ])
            // Each type its colour (the tip directive shares the tip alert's).
            expect(new Set(seen.alerts as string[]).size).toBe(5)
            // KaTeX's stylesheet hides the MathML copy, and its font loads.
            expect(seen.mathml).toBe('absolute')
            expect(seen.katexFont).toBe(true)
            expect(seen.codeTitle).toBe('starter.js')
            expect(seen.lineNumber).toBe('counter(line)')
            expect(seen.highlighted).toBe(1)
            expect(seen.diff).toEqual([1, 1])
            expect(seen.toc).toEqual(['#alerts', '#directives', '#code', '#math', '#done'])
            expect(seen.anchor).toBe('Section titled “Alerts”')
            expect(seen.details).toBe(false)
            expect(seen.abbr).toBe('dotted')
            expect(seen.over).toBe(0)
            // Shiki's two themes follow the reader's scheme.
            expect(seen.code).toBe(scheme === 'dark' ? 'rgb(36, 41, 46)' : 'rgb(255, 255, 255)')
            expect(seen.token).toBe(scheme === 'dark' ? 'rgb(249, 117, 131)' : 'rgb(215, 58, 73)')
            await mkdir(shots, { recursive: true })
            await page.screenshot({
              path: path.join(shots, `features-${width}-${scheme}.png`),
              fullPage: true
            })
          } finally {
            await context.close()
          }
        }, 60_000)
      }
    }
  })
})
