import { readFileSync } from 'node:fs'
import { blogSchema, parseFrontmatter, validateFrontmatter } from '@galley/frontmatter'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import {
  fuzzSettings,
  fuzzTimeout,
  jsonFrontmatter,
  markdownFile,
  tomlFrontmatter,
  yamlFrontmatter
} from '../../../test-support/arbitraries.js'
import { prototypeKeys } from '../../../test-support/security.js'

// Bounded fuzzing of the front-matter parsers (docs/reliability.md): fixed
// seeds and run counts in CI, many more with `pnpm fuzz`. An input that
// ever failed is kept in `fuzz-found.json` and replayed first.

/**
 * What is wrong with parsing and validating one file: a throw, a message
 * without a rule or outside the file, `Object.prototype` changed, data
 * that inherits from it, or a fatal message with data returned anyway.
 */
async function problems(value: string): Promise<string[]> {
  const found: string[] = []
  const file = new VFile({ path: 'fuzz.md', value })
  const lines = value.split(/\r\n|\r|\n/).length
  let data: unknown
  try {
    const matter = parseFrontmatter(file)
    if (!isClean(matter)) found.push('parsed data reaches a prototype other than its own')
    data = await validateFrontmatter(file, blogSchema)
  } catch (error) {
    found.push(`threw ${(error as Error).stack}`)
  }
  const polluted = prototypeKeys()
  if (polluted.length > 0) found.push(`Object.prototype has ${polluted.join(', ')}`)
  for (const message of file.messages) {
    const line = message.line ?? 0
    if (!message.ruleId || !message.source) found.push(`no rule: ${message.reason}`)
    if (line < 1 || line > lines)
      found.push(`placed at line ${line} of ${lines}: ${message.reason}`)
  }
  const fatal = file.messages.some((message) => message.fatal)
  if (fatal && data !== undefined) found.push('data returned despite an error')
  if (!fatal && data === undefined) found.push('no data and no error')
  return found
}

/**
 * Whether every object in `value` is a plain object, an array, a date or
 * bytes (YAML's `!!binary`), owning its keys.
 */
function isClean(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true
  if (value instanceof Date || value instanceof Uint8Array) return true
  if (Array.isArray(value)) return value.every(isClean)
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== null && prototype !== Object.prototype) return false
  return Object.keys(value).every((key) => isClean((value as Record<string, unknown>)[key]))
}

/** Inputs that once failed, with what was wrong: JSON, so any string (a lone surrogate) keeps. */
const kept = JSON.parse(
  readFileSync(new URL('fuzz-found.json', import.meta.url), 'utf8')
) as Array<{ found: string; input: string }>

describe('fuzzing the front-matter parsers', () => {
  it('should parse every input that ever failed', async () => {
    expect(kept.length).toBeGreaterThan(0)
    for (const { found, input } of kept) expect(await problems(input), found).toEqual([])
  })

  for (const [format, arbitrary, runs] of [
    ['YAML', yamlFrontmatter, 3000],
    ['TOML', tomlFrontmatter, 2000],
    ['JSON', jsonFrontmatter, 1500],
    ['any', markdownFile, 1500]
  ] as const) {
    it(
      `should report random ${format} front matter at its place, never throwing`,
      async () => {
        await fc.assert(
          fc.asyncProperty(arbitrary, async (value) => {
            expect(await problems(value)).toEqual([])
          }),
          fuzzSettings(runs, format.length * 1000 + 16)
        )
      },
      fuzzTimeout
    )
  }

  it('should catch a parser that lets the prototype be reached (the check can fail)', () => {
    expect(isClean(JSON.parse('{"a": {"b": 1}}'))).toBe(true)
    expect(isClean({ a: Object.create({ polluted: true }) })).toBe(false)
  })
})
