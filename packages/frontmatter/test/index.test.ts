import { blogSchema, parseFrontmatter, validateFrontmatter } from '@galley/frontmatter'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

const post = (value: string) => new VFile({ path: 'posts/hello.md', value })

describe('@galley/frontmatter', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/frontmatter')).sort()).toEqual([
      'blogSchema',
      'parseDate',
      'parseFrontmatter',
      'remarkGalleyFrontmatter',
      'validateFrontmatter'
    ])
  })

  it('should parse a Hugo-style post without configuration', async () => {
    const file = post(
      '---\ntitle: "April Hackfest"\ntags: [ fedora, atomic ]\ndate: "2018-04-23"\ndraft: false\n---\n\n# Hi\n'
    )
    expect(parseFrontmatter(file)).toEqual({
      title: 'April Hackfest',
      tags: ['fedora', 'atomic'],
      date: '2018-04-23',
      draft: false
    })
    expect(await validateFrontmatter(file, blogSchema)).toEqual({
      title: 'April Hackfest',
      tags: ['fedora', 'atomic'],
      date: new Date('2018-04-23T00:00:00.000Z'),
      draft: false
    })
    expect(file.messages).toEqual([])
  })

  it('should give an empty object for a file without front matter', () => {
    const file = post('# Just Markdown\n\n---\n\ntext\n')
    expect(parseFrontmatter(file)).toEqual({})
    expect(file.data.matter).toEqual({})
  })

  it('should parse an empty block, CRLF line endings and a byte order mark', () => {
    expect(parseFrontmatter(post('---\n---\n# x'))).toEqual({})
    expect(parseFrontmatter(post('\uFEFF---\r\ntitle: a\r\n---\r\nbody'))).toEqual({ title: 'a' })
  })

  it('should report YAML syntax errors at their line and column, as fatal', () => {
    const file = post('---\ntitle: ok\ntags: [a, b\n---\n')
    expect(parseFrontmatter(file)).toEqual({})
    expect(file.messages.map(String)).toEqual([
      expect.stringMatching(/^posts\/hello\.md:3:\d+(-\d+:\d+)?: Cannot parse front matter: /)
    ])
    expect(file.messages[0]?.fatal).toBe(true)
    expect(file.messages[0]?.ruleId).toBe('yaml-syntax')
  })

  it('should report a scalar block as not a mapping', () => {
    const file = post('---\njust text\n---\n')
    parseFrontmatter(file)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:2:1-2:10: Unexpected front matter that is not a mapping, expected `key: value` lines'
    ])
  })

  it('should place a bad value at its exact range', async () => {
    const file = post('---\ntitle: Hello\ndate: "not a date"\n---\n')
    expect(await validateFrontmatter(file, blogSchema)).toBe(undefined)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:3:7-3:19: Unexpected `date` value `"not a date"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`'
    ])
    const [message] = file.messages
    expect(message?.fatal).toBe(true)
    expect(message?.ruleId).toBe('schema')
    expect(message?.source).toBe('@galley/frontmatter')
  })

  it('should report every issue of a file, array items included', async () => {
    const file = post('---\ntitle: ""\ndate: 2018-02-30\ntags: [ a, 3, b ]\ndraft: maybe\n---\n')
    await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:2:8-2:10: Unexpected `title` value `""`: Expected a non-empty string',
      'posts/hello.md:3:7-3:17: Unexpected `date` value `2018-02-30`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`',
      'posts/hello.md:4:12-4:13: Unexpected `tags[1]` value `3`: Expected a tag name (a string)',
      'posts/hello.md:5:8-5:13: Unexpected `draft` value `maybe`: Expected `true` or `false`'
    ])
  })

  it('should place a missing key on the whole block', async () => {
    const file = post('---\ntitle: Hello\n---\n\ntext\n')
    await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:1:1-3:4: Missing `date` in front matter: Expected a date such as `2018-04-23`'
    ])
  })

  it('should report a missing block at 1:1 and say what to add', async () => {
    const file = post('# No front matter\n')
    await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:1:1: Missing front matter: Expected a non-empty string; add a `---` block at the top of the file',
      'posts/hello.md:1:1: Missing front matter: Expected a date such as `2018-04-23`; add a `---` block at the top of the file'
    ])
  })

  it('should read dates without shifting them a day, and reject impossible ones', async () => {
    const read = async (date: string) => {
      const file = post(`---\ntitle: t\ndate: ${date}\n---\n`)
      const value = await validateFrontmatter(file, blogSchema)
      return value?.date.toISOString()
    }
    expect(await read('2018-04-23')).toBe('2018-04-23T00:00:00.000Z')
    expect(await read('"2018-04-23"')).toBe('2018-04-23T00:00:00.000Z')
    expect(await read('2018-04-23T10:30:00+02:00')).toBe('2018-04-23T08:30:00.000Z')
    expect(await read('2018-13-01')).toBe(undefined)
    expect(await read('23/04/2018')).toBe(undefined)
  })

  it('should accept a tag as a string, and trim and de-duplicate tags', async () => {
    const file = post('---\ntitle: t\ndate: 2020-01-01\ntags: [ " a ", b, a ]\n---\n')
    expect((await validateFrontmatter(file, blogSchema))?.tags).toEqual(['a', 'b'])
    const single = post('---\ntitle: t\ndate: 2020-01-01\ntags: solo\n---\n')
    expect((await validateFrontmatter(single, blogSchema))?.tags).toEqual(['solo'])
  })

  it('should validate with Zod, placing nested issues on their value', async () => {
    const schema = z.object({
      title: z.string(),
      author: z.object({ name: z.string(), email: z.email() })
    })
    const file = post('---\ntitle: Hi\nauthor:\n  name: Ann\n  email: not-an-email\n---\n')
    const value: StandardSchemaV1.InferOutput<typeof schema> | undefined =
      await validateFrontmatter(file, schema)
    expect(value).toBe(undefined)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:5:10-5:22: Unexpected `author.email` value `not-an-email`: Invalid email address'
    ])
  })

  it('should place a missing nested key on its parent', async () => {
    const schema = z.object({ author: z.object({ name: z.string() }) })
    const file = post('---\nauthor:\n  url: x\n---\n')
    await validateFrontmatter(file, schema)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:3:3-3:9: Missing `author.name` in `author`: Invalid input: expected string, received undefined'
    ])
  })

  it('should work with async schemas and set `file.data.galleyFrontmatter`', async () => {
    const schema = z.object({ title: z.string().refine(async (value) => value.length > 2) })
    const good = post('---\ntitle: Long\n---\n')
    expect(await validateFrontmatter(good, schema)).toEqual({ title: 'Long' })
    expect(good.data.galleyFrontmatter).toEqual({ title: 'Long' })
    const bad = post('---\ntitle: No\n---\n')
    expect(await validateFrontmatter(bad, schema)).toBe(undefined)
    expect(bad.messages).toHaveLength(1)
  })

  it('should not validate front matter that did not parse', async () => {
    const file = post('---\ntitle: [\n---\n')
    expect(await validateFrontmatter(file, blogSchema)).toBe(undefined)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['yaml-syntax'])
  })
})
