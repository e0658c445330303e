import { readFile } from 'node:fs/promises'
import { glob } from 'tinyglobby'
import { describe, expect, it } from 'vitest'

const root = new URL('../../../', import.meta.url)

describe('docs/messages.md', () => {
  it('should document every rule id the packages use, in docs and in their readme', async () => {
    const sources = await glob('packages/*/src/**/*.ts', { cwd: root.pathname })
    const catalogue = await readFile(new URL('docs/messages.md', root), 'utf8')
    const undocumented: string[] = []
    let count = 0
    for (const source of sources) {
      const text = await readFile(new URL(source, root), 'utf8')
      const name = source.split('/')[1]
      const readme = await readFile(new URL(`packages/${name}/readme.md`, root), 'utf8')
      for (const [, id] of text.matchAll(/ruleId: '([a-z-]+)'/g)) {
        count++
        const row = new RegExp(`\\| \`@galley/${name}\` \\| \`${id}\` \\|`)
        if (!row.test(catalogue)) undocumented.push(`${id} (${source}) in docs/messages.md`)
        if (!readme.includes(`| \`${id}\` |`)) undocumented.push(`${id} (${source}) in its readme`)
      }
    }
    expect(count).toBeGreaterThanOrEqual(8)
    expect(undocumented).toEqual([])
  })
})
