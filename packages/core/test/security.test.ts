import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createGalley, defineCollection, type GalleyConfig } from '@galley/core'
import { loadData } from '@galley/core/node'
import { VFile } from 'vfile'
import { afterEach, describe, expect, it } from 'vitest'
import { prototypeKeys, readFixtures } from '../../../test-support/security.js'
import { executableParts, feedItemsHtml } from '../../../test-support/xss.js'
import { plainLayouts } from './support/layouts.js'

const layouts = plainLayouts

const trusted = () =>
  new VFile({
    path: 'content/trusted.md',
    value:
      '---\ntitle: Trusted\ndate: 2018-04-19\ntags: [ a ]\n---\n\nBy a trusted author, with <b>HTML</b>.\n'
  })

const hostile = () => [
  ...[...readFixtures('prototype')].map(
    ([name, value]) => new VFile({ path: `content/${name}`, value })
  ),
  new VFile({ path: 'content/classic.md', value: readFixtures('xss').get('classic.md') ?? '' })
]

const texts = (outputs: ReadonlyArray<{ path: string; value: string | Uint8Array }>) =>
  outputs.map((file) => [file.path, String(file.value)] as const)

function build(files: VFile[], config?: Partial<GalleyConfig>) {
  return createGalley({ site: 'https://blog.test/', title: 'T', layouts, ...config }).build(files)
}

describe('hostile content through createGalley', () => {
  afterEach(() => {
    expect(prototypeKeys()).toEqual([])
  })

  for (const sanitize of [true, false]) {
    it(`should keep every other page and feed clean (sanitize: ${sanitize})`, async () => {
      const before = texts((await build([trusted()], { markdown: { sanitize } })).outputs)
      const result = await build([trusted(), ...hostile()], { markdown: { sanitize } })
      expect(prototypeKeys()).toEqual([])

      // Every prototype fixture fails at its key; the rest of the batch is built.
      const refused = result.files
        .filter((file) => file.messages.some((message) => message.ruleId === 'unsafe-key'))
        .map((file) => file.path)
      expect(refused).toEqual(
        [...readFixtures('prototype').keys()].map((name) => `content/${name}`)
      )
      expect(result.pages.map((page) => page.url).sort()).toEqual([
        '/posts/classic/',
        '/posts/trusted/'
      ])

      const outputs = texts(result.outputs)
      const findings = outputs.flatMap(([file, text]) => {
        if (file.endsWith('.html')) {
          // Without sanitizing, the classic post's own page is its author's (trusted) HTML.
          if (!sanitize && file === 'posts/classic/index.html') return []
          return executableParts(text).map((finding) => `${file}: ${finding}`)
        }
        if (/(rss|atom)\.xml$|feed\.json$/.test(file)) {
          return feedItemsHtml(text).flatMap((item) =>
            executableParts(item).map((finding) => `${file}: ${finding}`)
          )
        }
        return []
      })
      expect(findings).toEqual([])
      expect(outputs.map(([, text]) => text).join('\n')).not.toMatch(/onmouseover|unsafeContent/)

      // A later build in the same process is the same as one before the attack.
      const after = texts((await build([trusted()], { markdown: { sanitize } })).outputs)
      expect(after).toEqual(before)
    })
  }

  it('should show the check is real: the classic post, unsanitized, has script in its page', async () => {
    const result = await build(hostile().filter((file) => file.path.endsWith('classic.md')))
    const page = texts(result.outputs).find(([file]) => file === 'posts/classic/index.html')
    expect(executableParts(page?.[1] ?? '').length).toBeGreaterThan(30)
  })

  it('should refuse a TOML data file that reaches for the prototype', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'galley-security-'))
    try {
      await mkdir(path.join(root, 'content/authors'), { recursive: true })
      await writeFile(
        path.join(root, 'content/authors/eve.toml'),
        readFixtures('data').get('eve.toml') ?? ''
      )
      const { data, files } = await loadData(
        { collections: { authors: defineCollection({ type: 'data', glob: 'authors/*.toml' }) } },
        { cwd: root }
      )
      expect(data).toEqual({ authors: [] })
      expect(files.flatMap((file) => file.messages.map(String))).toEqual([
        'content/authors/eve.toml:2:2-2:11: Unexpected key `__proto__`: `__proto__` could change every object of the build; rename or remove it'
      ])
    } finally {
      await rm(root, { recursive: true, force: true })
    }
  })
})
