import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDev } from './dev-server.js'

// `galley dev`'s error panel as a person sees it: Debian's Chromium (`.ci/run`
// installs it) on a phone-sized and a desktop-sized window, over a page of
// the default theme.
const executable = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((file) =>
  existsSync(file)
)
const shots = fileURLToPath(new URL('../test-output/screenshots/', import.meta.url))
let root = ''

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-dev-browser-'))
  await mkdir(path.join(root, 'content/posts'), { recursive: true })
  await writeFile(
    path.join(root, 'content/posts/good.md'),
    '---\ntitle: "A good post with a title long enough to wrap on a phone"\ndate: 2024-01-01\n---\n\nIt builds.\n'
  )
  const bad = Array.from(
    { length: 12 },
    (_, index) => `---\ntitle: Bad ${index}\ndate: "not a date ${index}"\n---\n\nBody.\n`
  )
  for (const [index, text] of bad.entries()) {
    await writeFile(path.join(root, `content/posts/bad-${index}.md`), text)
  }
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Where the parts of the page are, and what the panel says. */
interface Seen {
  header: { top: number; bottom: number } | undefined
  title: { top: number; bottom: number } | undefined
  panel: { top: number; bottom: number; height: number; text: string } | undefined
  height: number
  /** The colours the panel's text is drawn in and on. */
  ink: { panel: string; text: string; under: string } | undefined
}

const look = `(() => {
  const box = (element) => {
    if (!element) return undefined
    const rect = element.getBoundingClientRect()
    return { top: rect.top, bottom: rect.bottom, height: rect.height, text: element.innerText }
  }
  return {
    header: box(document.querySelector('.site-header')),
    title: box(document.querySelector('main h1')),
    panel: box(document.querySelector('#galley-errors')),
    height: window.innerHeight,
    ink: document.querySelector('#galley-errors pre') ? {
      panel: getComputedStyle(document.querySelector('#galley-errors')).color,
      text: getComputedStyle(document.querySelector('#galley-errors pre')).color,
      under: getComputedStyle(document.querySelector('#galley-errors pre')).backgroundColor
    } : undefined
  }
})()`

describe('galley dev’s error panel in a browser', () => {
  it.skipIf(!executable)(
    'should leave the header and the title in sight, on a phone too, and close',
    {
      timeout: 60_000
    },
    async () => {
      const { origin, stop } = await startDev(root)
      const browser = await chromium.launch({ executablePath: executable as string })
      try {
        for (const [name, viewport] of [
          ['phone', { width: 375, height: 667 }],
          ['desktop', { width: 1280, height: 800 }]
        ] as const) {
          const page = await browser.newPage({ viewport })
          await page.goto(`${origin}/posts/good/`)
          await page.waitForSelector('#galley-errors')
          await mkdir(shots, { recursive: true })
          await page.screenshot({ path: path.join(shots, `dev-errors-${name}.png`) })
          const seen = (await page.evaluate(look)) as Seen
          const panel = seen.panel as NonNullable<Seen['panel']>
          // Below the site's header and the page's title, in at most half the window.
          expect(panel.top, name).toBeGreaterThanOrEqual(seen.header?.bottom ?? Number.NaN)
          expect(panel.top, name).toBeGreaterThanOrEqual(seen.title?.bottom ?? Number.NaN)
          expect(panel.height, name).toBeLessThanOrEqual(seen.height / 2)
          expect(Math.round(panel.bottom), name).toBe(seen.height)
          // Each error under its file at its 1-based line:column, as in the terminal.
          expect(panel.text).toContain(
            'content/posts/bad-0.md\n  3:7  error  Unexpected `date` value `"not a date 0"`'
          )
          // The theme's own `pre` style does not reach it: light text on the panel's dark red.
          expect(seen.ink, name).toEqual({
            panel: 'rgb(255, 221, 221)',
            text: 'rgb(255, 221, 221)',
            under: 'rgba(0, 0, 0, 0)'
          })
          await page.getByRole('button', { name: 'Close' }).click()
          expect(((await page.evaluate(look)) as Seen).panel, name).toBeUndefined()
          await page.close()
        }
      } finally {
        await browser.close()
        expect(await stop()).toBe(0)
      }
    }
  )
})
