import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { atom, type Feed, jsonFeed, rss } from '@galley/feed'
import { Ajv } from 'ajv'
import addFormats from 'ajv-formats'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fromXml } from 'xast-util-from-xml'
import { fixtures } from './fixtures.js'
import { rssRules } from './rss-rules.js'

const require = createRequire(import.meta.url)
const grammar = fileURLToPath(new URL('../../../.cache/atom/atom.rnc', import.meta.url))
const jing = ['/usr/bin/jing', '/usr/local/bin/jing'].find((file) => existsSync(file))
const haveJing = Boolean(jing && existsSync(grammar))
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'galley-feed-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('Atom against the RFC 4287 RELAX NG grammar (jing)', () => {
  // `.ci/run` installs jing and fetches the grammar (scripts/fetch-atom-grammar.sh).
  it.skipIf(!haveJing)('should validate every Atom fixture', async () => {
    for (const [name, feed] of Object.entries(fixtures)) {
      const file = path.join(dir, `${name}.atom`)
      await writeFile(file, atom(feed))
      expect(
        () =>
          execFileSync(jing as string, ['-c', grammar, file], { encoding: 'utf8', stdio: 'pipe' }),
        name
      ).not.toThrow()
    }
  })

  it.skipIf(!haveJing)('should catch an invalid Atom document (the check can fail)', async () => {
    const file = path.join(dir, 'bad.atom')
    await writeFile(file, '<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title></feed>')
    expect(() =>
      execFileSync(jing as string, ['-c', grammar, file], { encoding: 'utf8', stdio: 'pipe' })
    ).toThrow()
  })

  it.runIf(!haveJing)(
    'is skipped: jing or the Atom grammar is missing (run scripts/fetch-atom-grammar.sh and apt-get install jing)',
    () => {
      expect(haveJing).toBe(false)
    }
  )
})

describe('JSON Feed against the JSON Feed 1.1 schema (ajv)', () => {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats.default(ajv)
  const validate = ajv.compile(require('jsonfeed-schema/schema-v1.1.json'))

  it('should validate every JSON Feed fixture', () => {
    for (const [name, feed] of Object.entries(fixtures)) {
      const valid = validate(JSON.parse(jsonFeed(feed)))
      expect(validate.errors ?? [], name).toEqual([])
      expect(valid).toBe(true)
    }
    expect(validate({ version: 'https://jsonfeed.org/version/1.1', items: [{}] })).toBe(false)
  })
})

describe('property: any text in any field', () => {
  const text = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.constantFrom(
      ']]>',
      '&',
      '"',
      "'",
      '<![CDATA[',
      '\u0000',
      '\uD800',
      '\uDC00',
      '\uFFFE',
      '\u0007\t\n\r'
    )
  )
  const feed = fc.record({
    title: text.filter((value) => value.trim() !== ''),
    description: text,
    itemTitle: text.filter((value) => value.trim() !== ''),
    summary: text,
    content: text,
    category: text.filter((value) => value.trim() !== '')
  })

  it('should always give well-formed XML, valid JSON and a passing rule set', () => {
    fc.assert(
      fc.property(feed, (value) => {
        const model: Feed = {
          title: value.title,
          description: value.description,
          site: 'https://blog.test/',
          feedUrl: 'https://blog.test/feed',
          items: [
            {
              title: value.itemTitle,
              summary: value.summary,
              contentHtml: value.content,
              categories: [value.category],
              url: '/a/',
              published: new Date('2020-01-01T00:00:00Z')
            }
          ]
        }
        fromXml(rss(model))
        fromXml(atom(model))
        JSON.parse(jsonFeed(model))
        expect(rssRules(rss(model))).toEqual([])
      }),
      { numRuns: 300, seed: 42 }
    )
  })
})
