import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { createGalley } from '@galley/core'
import { theme } from '@galley/theme'
import { type Browser, chromium } from 'playwright-core'
import { VFile } from 'vfile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Debian's Chromium (`.ci/run` installs it), driven by playwright-core.
const executable = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) =>
  existsSync(file)
)
// Screenshots go to the test output folder, for a person to look at.
const shots = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url))

let browser: Browser | undefined
let site: string

beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'galley-theme-browser-'))
  const long = 'Supercalifragilisticexpialidociouslyunbreakablewordwithoutanyspaces'
  const body = `A paragraph with a [link](/posts/p1/) and a ${long} word.\n\n\`\`\`sh\n${'echo a-very-long-command-line '.repeat(8)}\n\`\`\`\n\n| a | b | c | d | e | f |\n| - | - | - | - | - | - |\n| ${'cell '.repeat(6)} | ${'cell '.repeat(6)} | x | x | x | x |\n`
  const posts = [1, 2, 3, 4, 5].map(
    (day) =>
      new VFile({
        path: `content/posts/p${day}.md`,
        value: `---\ntitle: "Post ${day}: a title long enough to wrap on a phone screen"\ndate: 2024-01-0${day}\ntags: [ bread, sourdough-starters-and-levains ]\ndescription: Notes on baking.\n---\n\n${body}`
      })
  )
  const result = await createGalley({
    site: 'https://browser.test/',
    title: 'Crumb & Crust',
    description: 'A blog about bread.',
    paginate: 3,
    layouts: theme()
  }).build(posts)
  for (const file of result.outputs) {
    const to = path.join(site, file.path)
    await mkdir(path.dirname(to), { recursive: true })
    await writeFile(to, file.value)
  }
  if (executable) browser = await chromium.launch({ executablePath: executable })
}, 60_000)

afterAll(async () => {
  await browser?.close()
  await rm(site, { recursive: true, force: true })
})

/** What a page shows in the browser (run there: plain JavaScript, no DOM types here). */
interface Measured {
  /** Elements past the right edge, except inside a box that scrolls. */
  over: string[]
  scrollWidth: number
  width: number
  feeds: Array<string | null>
  background: string
  skip: string | null | undefined
}

const measure = `(() => {
  const width = document.documentElement.clientWidth
  const scrolls = (element) => {
    for (let at = element; at; at = at.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(at).overflowX)) return true
    }
    return false
  }
  const over = [...document.body.querySelectorAll('*')]
    .filter((element) => element.getBoundingClientRect().right > width + 1)
    .filter((element) => !scrolls(element.parentElement))
    .map((element) => element.tagName.toLowerCase())
  return {
    over,
    scrollWidth: document.documentElement.scrollWidth,
    width,
    feeds: [...document.querySelectorAll('link[rel="alternate"]')].map((link) => link.getAttribute('type')),
    background: getComputedStyle(document.body).backgroundColor,
    skip: document.querySelector('a.skip')?.getAttribute('href')
  }
})()`

const pages = {
  home: 'index.html',
  post: 'posts/p1/index.html',
  tag: 'tags/bread/index.html'
}

describe.skipIf(!executable)(
  executable
    ? 'the theme in Chromium'
    : 'the theme in Chromium (skipped: no Debian `chromium`; `.ci/run` installs it)',
  () => {
    for (const width of [1280, 375]) {
      for (const scheme of ['light', 'dark'] as const) {
        it(`should fit ${width} px in ${scheme} mode, with its feeds discoverable`, async () => {
          const context = await (browser as Browser).newContext({
            viewport: { width, height: 900 },
            colorScheme: scheme
          })
          try {
            const colours: string[] = []
            for (const [name, file] of Object.entries(pages)) {
              const page = await context.newPage()
              await page.goto(pathToFileURL(path.join(site, file)).href)
              const found = (await page.evaluate(measure)) as Measured
              expect({ page: name, over: found.over }).toEqual({ page: name, over: [] })
              expect(found.scrollWidth).toBeLessThanOrEqual(found.width)
              expect(found.feeds.slice(0, 3)).toEqual([
                'application/rss+xml',
                'application/atom+xml',
                'application/feed+json'
              ])
              expect(found.skip).toBe('#main')
              colours.push(found.background)
              await mkdir(shots, { recursive: true })
              await page.screenshot({
                path: path.join(shots, `${name}-${width}-${scheme}.png`),
                fullPage: true
              })
              await page.close()
            }
            // Light and dark have their own background.
            expect(new Set(colours).size).toBe(1)
            expect(colours[0]).toBe(scheme === 'dark' ? 'rgb(23, 22, 20)' : 'rgb(255, 253, 249)')
          } finally {
            await context.close()
          }
        }, 60_000)
      }
    }

    it('should show the focus ring and the skip link to a keyboard user', async () => {
      const page = await (browser as Browser).newPage({ viewport: { width: 375, height: 700 } })
      await page.goto(pathToFileURL(path.join(site, pages.post)).href)
      await page.keyboard.press('Tab')
      const focused = (await page.evaluate(`(() => {
      const element = document.activeElement
      return {
        text: element.textContent,
        top: element.getBoundingClientRect().top,
        outline: getComputedStyle(element).outlineStyle
      }
    })()`)) as { text: string; top: number; outline: string }
      expect(focused.text).toBe('Skip to content')
      expect(focused.top).toBeGreaterThanOrEqual(0)
      expect(focused.outline).toBe('solid')
      await page.close()
    }, 60_000)
  }
)
