import { blogSchema, locateValue, parseFrontmatter, validateFrontmatter } from '@galley/frontmatter'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const post = (value: string) => new VFile({ path: 'posts/hello.md', value })

describe('@galley/frontmatter', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/frontmatter')).sort()).toEqual([
      'blogSchema',
      'createBlogSchema',
      'fields',
      'fileNameDate',
      'findFrontmatter',
      'frontmatterMatters',
      'locateValue',
      'markValidated',
      'parseData',
      'parseDate',
      'parseFrontmatter',
      'parseList',
      'remarkGalleyFrontmatter',
      'schemaFromFields',
      'toJsonSchema',
      'validateFrontmatter'
    ])
  })

  it('should validate the seed Hugo post with no configuration', async () => {
    const file = post(
      '---\ntitle: "April Fedora Infrastructure Hackfest"\ntags: [ fedora, atomic ]\ndate: "2018-04-23"\ndraft: false\n---\n\n# Introduction\n'
    )
    expect(parseFrontmatter(file)).toEqual({
      title: 'April Fedora Infrastructure Hackfest',
      tags: ['fedora', 'atomic'],
      date: '2018-04-23',
      draft: false
    })
    expect(await validateFrontmatter(file, blogSchema)).toEqual({
      title: 'April Fedora Infrastructure Hackfest',
      tags: ['fedora', 'atomic'],
      date: new Date('2018-04-23T00:00:00.000Z'),
      draft: false,
      aliases: []
    })
    expect(file.messages).toEqual([])
    expect(file.data.galleyFrontmatter).toEqual(
      await validateFrontmatter(post(String(file.value)), blogSchema)
    )
  })

  it('should place a bad value at its exact range, as a fatal `schema` message', async () => {
    const file = post('---\ntitle: Hello\ndate: "not a date"\n---\n')
    expect(await validateFrontmatter(file, blogSchema)).toBe(undefined)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:3:7-3:19: Unexpected `date` value `"not a date"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`'
    ])
    const [message] = file.messages
    expect([message?.ruleId, message?.source, message?.fatal]).toEqual([
      'schema',
      '@galley/frontmatter',
      true
    ])
  })

  it('should report every issue of a file in document order, list items included', async () => {
    const file = post('---\ntitle: ""\ndate: 2018-02-30\ntags: [ a, true, b ]\ndraft: maybe\n---\n')
    await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:2:8-2:10: Unexpected `title` value `""`: Expected a non-empty string',
      'posts/hello.md:3:7-3:17: Unexpected `date` value `2018-02-30`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`',
      'posts/hello.md:4:12-4:16: Unexpected `tags[1]` value `true`: Expected a tag name (a string)',
      'posts/hello.md:5:8-5:13: Unexpected `draft` value `maybe`: Expected `true` or `false`'
    ])
  })

  it('should place a missing key on the whole block, naming the key', async () => {
    const file = post('---\ntitle: Hello\n---\n\ntext\n')
    await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:1:1-3:4: Missing `date` in front matter: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`'
    ])
  })

  it('should report a missing block once, at 1:1, naming the keys to add', async () => {
    const file = post('# No front matter\n')
    await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:1:1: Missing front matter: the schema requires `title` and `date`; add a `---` block with them at the top of the file'
    ])
    expect(file.messages[0]?.ruleId).toBe('missing-frontmatter')
    expect(file.messages[0]?.expected).toEqual(['title', 'date'])
  })

  it('should report an empty value as empty', async () => {
    const file = post('---\ntitle:\ndate: 2020-01-01\n---\n')
    await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([
      'posts/hello.md:2:7-2:7: Unexpected empty `title`: Expected a non-empty string'
    ])
  })

  it('should not validate front matter that did not parse', async () => {
    const file = post('---\ntitle: [\n---\n')
    expect(await validateFrontmatter(file, blogSchema)).toBe(undefined)
    expect(file.messages.map((m) => m.ruleId)).toEqual(['yaml-syntax'])
  })

  it('should throw a `TypeError` naming the option on bad options, not on bad content', async () => {
    const file = post('---\ntitle: [\n---\n')
    // @ts-expect-error: check how invalid input is handled.
    await expect(validateFrontmatter(file, blogSchema, { unknownKeys: 'loud' })).rejects.toThrow(
      new TypeError("Expected `unknownKeys` to be `'ignore'`, `'warn'` or `'error'`, not `loud`")
    )
    // @ts-expect-error: check how invalid input is handled.
    await expect(validateFrontmatter(file, { title: 'string' })).rejects.toThrow(
      new TypeError(
        'Expected `schema` to be a Standard Schema (such as a Zod, Valibot or ArkType schema)'
      )
    )
  })
  it('should locate a value after validation, for later messages', async () => {
    const file = post('---\ntitle: T\nauthors: [ ann, carol ]\n---\n')
    parseFrontmatter(file)
    expect(locateValue(file, ['authors', 1])).toEqual({
      start: { line: 3, column: 17, offset: 29 },
      end: { line: 3, column: 22, offset: 34 }
    })
    expect(locateValue(file, ['nope'])).toBe(undefined)
    expect(locateValue(post('no front matter'), ['title'])).toBe(undefined)
  })
})
