import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { main } from '@galley/cli'
import { VFile } from 'vfile'
import { reporter } from 'vfile-reporter'
import { describe, expect, it } from 'vitest'
import { somePlaces, textReport } from '../src/report.js'
import { capture } from './streams.js'

function files(count: number): VFile[] {
  return Array.from({ length: count }, (_, index) => {
    const file = new VFile({ path: `content/p${String(index).padStart(3, '0')}.md` })
    const warning = file.message(
      'Unexpected unknown key `mood`; remove it, or add it to the schema',
      {
        place: { line: 6, column: 1 },
        ruleId: 'unknown-key',
        source: '@galley/frontmatter'
      }
    )
    warning.fatal = false
    if (index % 50 === 0) {
      const error = file.message('Unexpected `date` value', {
        place: { line: 3, column: 7 },
        ruleId: 'schema',
        source: '@galley/frontmatter'
      })
      error.fatal = true
    }
    return file
  })
}

describe('the text report at scale', () => {
  it('should be vfile-reporter’s own below 100 messages', () => {
    const few = files(40)
    expect(textReport(few, { color: false })).toBe(reporter(few, { color: false, quiet: true }))
  })

  it('should print a repeated warning once with its count and first place, and every error', () => {
    const many = files(300)
    const text = textReport(many, { color: false })
    expect(text).toContain(
      '⚠ 300 × unknown-key: Unexpected unknown key `mood`; remove it, or add it to the schema — first at content/p000.md:6:1'
    )
    expect(text).toContain(
      '300 repeated warnings grouped (of 306 messages); --verbose lists them all'
    )
    // The six errors are listed where they are; no warning line is.
    expect(text.match(/ error /g)).toHaveLength(6)
    expect(text).not.toMatch(/warning\s+Unexpected unknown key/)
    expect(text.split('\n').length).toBeLessThan(40)
  })

  it('should list everything with `verbose`', () => {
    const many = files(300)
    expect(textReport(many, { color: false, verbose: true })).toBe(
      reporter(many, { color: false, quiet: true })
    )
  })

  it('should name three places and a count', () => {
    expect(somePlaces(['a:1:1'])).toBe('a:1:1')
    expect(somePlaces(['a:1:1', 'b:1:1', 'c:1:1'])).toBe('a:1:1, b:1:1, c:1:1')
    expect(somePlaces(Array.from({ length: 2000 }, (_, i) => `p${i}.md:1:1`))).toBe(
      'p0.md:1:1, p1.md:1:1, p2.md:1:1 and 1,997 more'
    )
  })

  it('should close a failing build with a few places, not all of them', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-report-'))
    try {
      await mkdir(path.join(root, 'content'))
      for (let index = 0; index < 120; index++) {
        await writeFile(
          path.join(root, 'content', `p${String(index).padStart(3, '0')}.md`),
          `---\ntitle: P${index}\ndate: 2020-01-01\nmood: calm\n---\n\n# P\n`
        )
      }
      const stderr = capture()
      const code = await main(['check', '--frail', '--workers', '1'], {
        cwd: root,
        stdout: capture(),
        stderr
      })
      expect(code).toBe(1)
      const text = stderr.text()
      expect(text).toContain('⚠ 120 × unknown-key: Unexpected unknown key `mood`')
      expect(text).toMatch(
        /galley: check failed: fix the 120 problems at content\/p000\.md:4:1, content\/p001\.md:4:1, content\/p002\.md:4:1 and 117 more\n$/
      )
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
