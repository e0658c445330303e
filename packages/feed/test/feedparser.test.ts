import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { atom, type Feed, jsonFeed, rss, validateFeed } from '@galley/feed'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fuzzSettings, fuzzTimeout, inlineText } from '../../../test-support/arbitraries.js'

// Property: random text in every field of a feed gives RSS and Atom that
// Universal Feed Parser (Debian's python3-feedparser, what many feed
// readers are built on) reads without its bozo flag, with the titles as
// written, and a JSON Feed with them too (feedparser 6.0 reads no JSON)
// (docs/reliability.md). `.ci/run` installs it.

const python = '/usr/bin/python3'
const reader = fileURLToPath(new URL('support/read-feeds.py', import.meta.url))
const haveFeedparser =
  spawnSync(python, ['-c', 'import feedparser'], { stdio: 'ignore' }).status === 0

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'galley-feedparser-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

/** Any text: the awkward pieces of `inlineText`, markup, CDATA ends, and any code point. */
const text = fc.oneof(
  inlineText,
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(']]>', '<![CDATA[x]]>', '<b>bold</b>', '&amp;', '&nbsp;', '&#0;', '\u0085')
)
const name = text.filter((value) => value.trim() !== '')
const date = fc.date({
  min: new Date('1970-01-01T00:00:00Z'),
  max: new Date('2999-12-31T00:00:00Z'),
  noInvalidDate: true
})

const feed: fc.Arbitrary<Feed> = fc.record({
  title: name,
  description: text,
  site: fc.constant('https://blog.test/'),
  feedUrl: fc.constant('https://blog.test/rss.xml'),
  authors: fc.array(fc.record({ name, email: fc.constant('me@blog.test') }), { maxLength: 2 }),
  items: fc.array(
    fc.record({
      url: fc
        .string({ unit: 'grapheme', maxLength: 8 })
        .map((part) => `/${encodeURIComponent(part)}/`),
      title: name,
      summary: text,
      contentHtml: text,
      categories: fc.array(name, { maxLength: 3 }),
      authors: fc.array(fc.record({ name }), { maxLength: 2 }),
      published: date
    }),
    { minLength: 1, maxLength: 3 }
  )
})

/** Text as feedparser gives it: without the characters XML forbids, stripped. */
function shown(value: string): string {
  return value
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids.
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      ''
    )
    .replace(/\r\n?/g, '\n')
    .replace(pythonSpace, '')
}

/** Space at either end, as Python's `str.strip` (which feedparser uses) sees it. */
const pythonSpace =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the separators Python counts as space.
  /^[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g

interface Read {
  file: string
  bozo: boolean
  exception: string | null
  title: string | null
  entries: Array<{ title: string | null; tags: string[] }>
}

describe('property: feeds that Universal Feed Parser reads', () => {
  it.skipIf(!haveFeedparser)(
    'should read every random feed, RSS and Atom, without bozo, titles as written',
    async () => {
      const feeds = fc
        .sample(feed, fuzzSettings(120, 4287))
        .filter((model) => validateFeed(model).length === 0)
      // Nearly all are feeds the writer accepts: the fields are random, not the shape.
      expect(feeds.length).toBeGreaterThan(90)
      const files: string[] = []
      for (const [index, model] of feeds.entries()) {
        const json = JSON.parse(jsonFeed(model)) as {
          title: string
          items: Array<{ title: string }>
        }
        expect(shown(json.title)).toBe(shown(model.title))
        expect(json.items.map((item) => shown(item.title))).toEqual(
          model.items.map((item) => shown(item.title ?? ''))
        )
        for (const [format, write] of [
          ['rss', rss],
          ['atom', atom]
        ] as const) {
          const file = path.join(dir, `${index}.${format}`)
          await writeFile(file, write(model))
          files.push(file)
        }
      }
      const lines = execFileSync(python, [reader, ...files], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024
      })
      const read = lines
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Read)
      expect(read).toHaveLength(files.length)
      for (const result of read) {
        const model = feeds[Number(path.basename(result.file).split('.')[0])] as Feed
        const where = `${path.basename(result.file)}: ${JSON.stringify(model)}`
        expect(result.exception, where).toBeNull()
        expect(result.bozo, where).toBe(false)
        expect(shown(result.title ?? ''), where).toBe(shown(model.title))
        expect(
          result.entries.map((entry) => shown(entry.title ?? '')),
          where
        ).toEqual(model.items.map((item) => shown(item.title ?? '')))
      }
    },
    fuzzTimeout
  )

  it.skipIf(!haveFeedparser)('should see a broken feed as bozo (the check can fail)', async () => {
    const file = path.join(dir, 'broken.rss')
    await writeFile(file, '<rss version="2.0"><channel><title>a &</title></channel></rss>')
    const [result] = execFileSync(python, [reader, file], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Read)
    expect(result?.bozo).toBe(true)
  })

  it.runIf(!haveFeedparser)(
    'is skipped: Universal Feed Parser is missing (apt-get install python3-feedparser)',
    () => {
      expect(haveFeedparser).toBe(false)
    }
  )
})
