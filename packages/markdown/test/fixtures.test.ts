import { readdirSync, readFileSync } from 'node:fs'
import { createMarkdownProcessor, type Options } from '@galley/markdown'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const root = new URL('fixtures/', import.meta.url)
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()

describe('fixtures', () => {
  it('should have fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10)
  })

  for (const name of cases) {
    it(`should render \`${name}\` as in its output.html`, async () => {
      const folder = new URL(`${name}/`, root)
      let options: Options = {}
      try {
        options = JSON.parse(readFileSync(new URL('config.json', folder), 'utf8')) as Options
      } catch {
        // No config: defaults.
      }
      const value = readFileSync(new URL('input.md', folder), 'utf8')
      const { html, file } = await createMarkdownProcessor(options).render(
        new VFile({ path: `${name}/input.md`, value })
      )
      expect(file.messages.map(String)).toEqual([])
      await expect(`${html}\n`).toMatchFileSnapshot(`fixtures/${name}/output.html`)
    })
  }
})
