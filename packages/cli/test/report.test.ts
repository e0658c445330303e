import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { main } from '@galley/cli'
import { VFile } from 'vfile'
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

describe('the text report', () => {
  const mixed = () => {
    const file = new VFile({ path: 'content/posts/second.md' })
    const error = file.message(
      'Unexpected `date` value `2026-13-45`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`',
      {
        place: { start: { line: 3, column: 7 }, end: { line: 3, column: 17 } },
        ruleId: 'schema',
        source: '@galley/frontmatter'
      }
    )
    error.fatal = true
    const warning = file.message('Cannot find heading for `#nope`', {
      place: { line: 6, column: 36 },
      ruleId: 'missing-anchor',
      source: '@galley/links'
    })
    warning.fatal = false
    return [new VFile({ path: 'content/posts/clean.md' }), file]
  }

  it('should name each file once, then each message on its own line, padded to nothing', () => {
    expect(textReport(mixed(), { color: false })).toBe(
      [
        'content/posts/second.md',
        '  3:7  error  Unexpected `date` value `2026-13-45`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`  schema  @galley/frontmatter',
        '  6:36  warning  Cannot find heading for `#nope`  missing-anchor  @galley/links',
        '',
        '2 messages (✖ 1 error, ⚠ 1 warning)'
      ].join('\n')
    )
  })

  it('should wrap at the width given, continuing indented, with no line wider', () => {
    const text = textReport(mixed(), { color: false, width: 80 })
    expect(text).toBe(
      [
        'content/posts/second.md',
        '  3:7  error  Unexpected `date` value `2026-13-45`: Expected a date such as',
        '    `2018-04-23` or `2018-04-23T10:00:00Z`  schema  @galley/frontmatter',
        '  6:36  warning  Cannot find heading for `#nope`  missing-anchor  @galley/links',
        '',
        '2 messages (✖ 1 error, ⚠ 1 warning)'
      ].join('\n')
    )
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
  })

  it('should colour only when asked, as vfile-reporter colours', () => {
    expect(textReport(mixed(), { color: false })).not.toContain('\u001B[')
    const coloured = textReport(mixed(), { color: true })
    expect(coloured).toContain('\u001B[4m\u001B[31mcontent/posts/second.md\u001B[39m\u001B[24m')
    expect(coloured).toContain('\u001B[31merror\u001B[39m')
    expect(coloured).toContain('\u001B[33mwarning\u001B[39m')
  })

  it('should colour the CLI’s report on a terminal only, and never with NO_COLOR', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-colour-'))
    const previous = process.env.NO_COLOR
    try {
      await mkdir(path.join(root, 'content'))
      await writeFile(path.join(root, 'content', 'a.md'), '---\ntitle: A\ndate: nope\n---\n')
      const run = async (tty: boolean) => {
        const stderr = Object.assign(capture(), { isTTY: tty, columns: 60 })
        await main(['check'], { cwd: root, stdout: capture(), stderr })
        return stderr.text()
      }
      delete process.env.NO_COLOR
      expect(await run(false)).not.toContain('\u001B[')
      const terminal = await run(true)
      expect(terminal).toContain('\u001B[31merror\u001B[39m')
      // The terminal's width: no line of the report is wider.
      for (const line of terminal.split('\n')) {
        expect(stripVTControlCharacters(line).length).toBeLessThanOrEqual(60)
      }
      process.env.NO_COLOR = '1'
      expect(await run(true)).not.toContain('\u001B[')
    } finally {
      if (previous === undefined) delete process.env.NO_COLOR
      else process.env.NO_COLOR = previous
      await rm(root, { recursive: true, force: true })
    }
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
    const text = textReport(many, { color: false, verbose: true })
    expect(text.match(/ warning {2}Unexpected unknown key `mood`/g)).toHaveLength(300)
    expect(text).not.toContain('grouped')
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
