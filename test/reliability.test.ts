import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// docs/reliability.md's table of what Galley handles names, in each row, the
// test that proves it: that test file must exist and hold a test so named.
const root = fileURLToPath(new URL('../', import.meta.url))
const text = readFileSync(path.join(root, 'docs/reliability.md'), 'utf8')
const handled = text.slice(text.indexOf('## Handled'), text.indexOf('## Not yet'))
const rows = handled
  .split('\n')
  .filter(
    (line) => line.startsWith('| ') && !line.startsWith('| input') && !line.startsWith('| ---')
  )

describe('docs/reliability.md', () => {
  it('should list the faults it handles', () => {
    expect(rows.length).toBeGreaterThan(30)
  })

  for (const row of rows) {
    const cell = row.split(' | ').at(-1)?.replace(/ \|$/, '') ?? ''
    const [file, title] = cell.split(' › ')
    it(`should prove “${row.split(' | ')[0]?.slice(2)}” with a test that exists`, () => {
      const test = (file ?? '').replaceAll('`', '')
      expect(existsSync(path.join(root, test)), test).toBe(true)
      expect(title?.trim().length ?? 0).toBeGreaterThan(10)
      const source = readFileSync(path.join(root, test), 'utf8')
      expect(source.includes(title?.trim() ?? '\u0000'), `${test} › ${title}`).toBe(true)
    })
  }
})
