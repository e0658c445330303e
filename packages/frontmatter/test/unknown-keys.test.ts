import { blogSchema, validateFrontmatter } from '@galley/frontmatter'
import { type } from 'arktype'
import * as v from 'valibot'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

const source =
  '---\ntitle: Hi\ndat: 2018-04-23\ndate: 2018-04-23\nauthor:\n  name: Ann\n  emial: a@b.c\nmood: happy\n---\n'
const post = () => new VFile({ path: 'post.md', value: source })

describe('unknown keys', () => {
  it('should warn about keys the schema does not declare, with suggestions, by default', async () => {
    const file = post()
    const value = await validateFrontmatter(file, blogSchema)
    expect(value?.title).toBe('Hi')
    expect(file.messages.map(String)).toEqual([
      'post.md:3:1-3:4: Unexpected unknown key `dat`; did you mean `date`',
      'post.md:7:3-7:8: Unexpected unknown key `author.emial`; did you mean `email`',
      'post.md:8:1-8:5: Unexpected unknown key `mood`; remove it, or add it to the schema'
    ])
    expect(file.messages.map((m) => [m.ruleId, m.fatal, m.expected])).toEqual([
      ['unknown-key', false, ['date']],
      ['unknown-key', false, ['email']],
      ['unknown-key', false, []]
    ])
  })

  it('should make them fatal with `unknownKeys: "error"` and skip them with "ignore"', async () => {
    const strict = post()
    expect(await validateFrontmatter(strict, blogSchema, { unknownKeys: 'error' })).toBe(undefined)
    expect(strict.messages.map((m) => m.fatal)).toEqual([true, true, true])
    const loose = post()
    expect((await validateFrontmatter(loose, blogSchema, { unknownKeys: 'ignore' }))?.title).toBe(
      'Hi'
    )
    expect(loose.messages).toEqual([])
  })

  it('should read declared keys from Zod, Valibot and ArkType schemas', async () => {
    const schemas = [
      z.object({ title: z.string(), date: z.string() }),
      v.object({ title: v.string(), date: v.string() }),
      type({ title: 'string', date: 'string' })
    ]
    for (const schema of schemas) {
      const file = new VFile({ path: 'a.md', value: '---\ntitle: T\ndate: d\ntitel: x\n---\n' })
      await validateFrontmatter(file, schema)
      expect(file.messages.map(String)).toEqual([
        'a.md:4:1-4:6: Unexpected unknown key `titel`; did you mean `title`'
      ])
    }
  })

  it('should place unknown keys in TOML and JSON on the key', async () => {
    const toml = new VFile({
      path: 't.md',
      value: '+++\ntitle = "T"\ndate = 2020-01-01\n[author]\nname = "A"\nemial = "x"\n+++\n'
    })
    await validateFrontmatter(toml, blogSchema)
    const json = new VFile({
      path: 'j.md',
      value: '{\n  "title": "T",\n  "date": "2020-01-01",\n  "tgas": ["a"]\n}\n'
    })
    await validateFrontmatter(json, blogSchema)
    expect([...toml.messages, ...json.messages].map(String)).toEqual([
      't.md:6:1-6:6: Unexpected unknown key `author.emial`; did you mean `email`',
      'j.md:4:3-4:9: Unexpected unknown key `tgas`; did you mean `tags`'
    ])
  })

  it('should not check objects that accept any key', async () => {
    const schema = z.looseObject({ title: z.string() })
    const file = new VFile({ value: '---\ntitle: T\nanything: 1\n---\n' })
    expect(await validateFrontmatter(file, schema)).toEqual({ title: 'T', anything: 1 })
    expect(file.messages).toEqual([])
  })
})
