import { blogSchema, parseFrontmatter, validateFrontmatter } from '@galley/frontmatter'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

// Front matter that attacks the parsers: each file gets a fatal message at
// its place instead of a throw that would end the batch (docs/reliability.md).
const post = (value: string) => new VFile({ path: 'p.md', value })

/** `path:place: reason` and the rule of each message. */
const said = (file: VFile) => file.messages.map((message) => [String(message), message.ruleId])

describe('hostile front matter', () => {
  it('should refuse a YAML alias bomb at its block, with no data', () => {
    const levels = ['a', 'b', 'c', 'd', 'e', 'f', 'g']
    const lines = levels.map((name, index) =>
      index === 0
        ? `${name}: &${name} [${'"lol",'.repeat(8)}"lol"]`
        : `${name}: &${name} [${`*${levels[index - 1]},`.repeat(8)}*${levels[index - 1]}]`
    )
    const file = post(`---\ntitle: Bomb\n${lines.join('\n')}\n---\n\nBody.\n`)
    expect(parseFrontmatter(file)).toEqual({})
    expect(said(file)).toEqual([
      [
        'p.md:2:1-2:2: Cannot parse YAML front matter: its aliases expand too far (Excessive alias count indicates a resource exhaustion attack); write the values out, or use fewer `*aliases`',
        'yaml-syntax'
      ]
    ])
    expect(file.messages[0]?.fatal).toBe(true)
  })

  it('should refuse TOML the parser runs out of stack on (a 300,000-character value)', () => {
    const file = post(`+++\ntitle = "T"\nx = "${'k'.repeat(300_000)}"\n+++\n`)
    expect(parseFrontmatter(file)).toEqual({})
    expect(said(file)).toEqual([
      [
        'p.md:2:1-2:2: Cannot parse TOML front matter: a key or value is too long or nests too deep for the parser; shorten it, or move long text into the body',
        'toml-syntax'
      ]
    ])
  })

  it('should name a 1,000,000-character key shortly, without comparing it to every field', async () => {
    const file = post(`---\ntitle: L\ndate: 2024-01-01\n? ${'k'.repeat(1_000_000)}\n: v\n---\n`)
    expect((await validateFrontmatter(file, blogSchema))?.title).toBe('L')
    expect(said(file)).toEqual([
      [
        `p.md:4:3-4:1000003: Unexpected unknown key \`${'k'.repeat(39)}…\`; remove it, or add it to the schema`,
        'unknown-key'
      ]
    ])
  })

  it('should refuse a JSON key given twice, at the second, as YAML does', () => {
    const file = post(
      '---json\n{\n  "title": "A",\n  "date": "2024-01-01",\n  "title": "B"\n}\n---\n'
    )
    expect(parseFrontmatter(file)).toEqual({})
    expect(said(file)).toEqual([
      [
        'p.md:5:3-5:10: Cannot parse JSON front matter: duplicate key `title`; remove one of the two',
        'json-syntax'
      ]
    ])
  })

  it('should keep Object.prototype clean whatever the keys', () => {
    for (const value of [
      '---\n__proto__:\n  polluted: yes\n---\n',
      '+++\n[__proto__]\npolluted = true\n+++\n',
      '---json\n{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}\n---\n'
    ]) {
      const file = post(value)
      parseFrontmatter(file)
      expect(file.messages.map((message) => message.ruleId)).toContain('unsafe-key')
    }
    expect(({} as { polluted?: unknown }).polluted).toBe(undefined)
  })
})
