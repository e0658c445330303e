import {
  blogSchema,
  createBlogSchema,
  fields,
  fileNameDate,
  parseDate,
  parseList,
  schemaFromFields,
  toJsonSchema,
  validateFrontmatter
} from '@galley/frontmatter'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

async function read(front: string, schema = blogSchema) {
  const file = new VFile({
    path: 'p.md',
    value: `---\ntitle: T\ndate: 2018-04-23\n${front}\n---\n`
  })
  const value = await validateFrontmatter(file, schema)
  return { value, messages: file.messages.map(String) }
}

describe('fields', () => {
  it('should read every blog field', async () => {
    const { value, messages } = await read(
      [
        'updated: 2018-05-01T08:00:00+02:00',
        'publishDate: 2018-04-24',
        'expiryDate: "2019-01-01"',
        'tags: " solo "',
        'description: A post',
        'summary: Short',
        'slug: april-hackfest',
        'aliases: /old/path/',
        'author: Dusty'
      ].join('\n')
    )
    expect(messages).toEqual([])
    expect(value).toEqual({
      title: 'T',
      date: new Date('2018-04-23T00:00:00Z'),
      updated: new Date('2018-05-01T06:00:00Z'),
      publishDate: new Date('2018-04-24T00:00:00Z'),
      expiryDate: new Date('2019-01-01T00:00:00Z'),
      tags: ['solo'],
      draft: false,
      description: 'A post',
      summary: 'Short',
      slug: 'april-hackfest',
      aliases: ['/old/path/'],
      author: { name: 'Dusty' }
    })
  })

  it('should read an author object, lists, and drop empty and repeated tags', async () => {
    const { value } = await read(
      'tags: [ " a ", b, a, "" ]\naliases: [ /x/, /y/ ]\nauthor:\n  name: Ann\n  email: ann@example.com\n  url: https://ann.example'
    )
    expect([value?.tags, value?.aliases, value?.author]).toEqual([
      ['a', 'b'],
      ['/x/', '/y/'],
      { name: 'Ann', email: 'ann@example.com', url: 'https://ann.example' }
    ])
  })

  it('should report each bad field at its value', async () => {
    const { messages } = await read(
      [
        'updated: yesterday',
        'draft: "no"',
        'slug: a/b',
        'aliases: [ /ok/, relative/ ]',
        'author:',
        '  email: ann@example.com',
        'description: [ not, text ]'
      ].join('\n')
    )
    expect(messages).toEqual([
      'p.md:4:10-4:19: Unexpected `updated` value `yesterday`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`',
      'p.md:5:8-5:12: Unexpected `draft` value `"no"`: Expected `true` or `false`',
      'p.md:6:7-6:10: Unexpected `slug` value `a/b`: Expected a slug without `/`, `\\`, `?`, `#` or spaces, such as `my-post`',
      'p.md:7:18-7:27: Unexpected `aliases[1]` value `relative/`: Expected a URL path starting with `/`, such as `/old/address/`',
      'p.md:9:3-9:25: Missing `author.name` in `author`: Expected the author’s name',
      'p.md:10:14-10:27: Unexpected `description` value `[ not, text ]`: Expected text'
    ])
  })

  it('should read date-only values in the site time zone, never a day off', async () => {
    const newYork = createBlogSchema({ timeZone: 'America/New_York' })
    const { value } = await read('updated: 2018-11-04T01:30:00', newYork)
    // Midnight in New York is 04:00 UTC in April (EDT): still the 23rd there.
    expect(value?.date.toISOString()).toBe('2018-04-23T04:00:00.000Z')
    expect(value?.date.toLocaleDateString('en-CA', { timeZone: 'America/New_York' })).toBe(
      '2018-04-23'
    )
    // 01:30 on the day clocks fall back happens twice; the first (EDT) is taken.
    expect(value?.updated?.toISOString()).toBe('2018-11-04T05:30:00.000Z')
    expect(parseDate('2018-01-15', { timeZone: 'Asia/Tokyo' })?.toISOString()).toBe(
      '2018-01-14T15:00:00.000Z'
    )
    expect(parseDate('2018-03-11T02:30:00', { timeZone: 'America/New_York' })?.toISOString()).toBe(
      '2018-03-11T07:30:00.000Z'
    )
    expect(parseDate('2018-04-23T10:00:00Z', { timeZone: 'Asia/Tokyo' })?.toISOString()).toBe(
      '2018-04-23T10:00:00.000Z'
    )
    // Offsets are exact, with a colon or without, after a space as Jekyll writes them.
    expect(parseDate('2018-04-23 10:00:00 +0200')?.toISOString()).toBe('2018-04-23T08:00:00.000Z')
    expect(parseDate('2018-04-23T10:00:00.5-05:30')?.toISOString()).toBe('2018-04-23T15:30:00.500Z')
  })

  it('should reject impossible dates and times', () => {
    for (const value of [
      '2018-02-29',
      '2018-13-01',
      '2018-04-23T24:00:00Z',
      '2018-04-23 10:00:00 +2500',
      '23/04/2018',
      '',
      20180423
    ]) {
      expect(parseDate(value)).toBe(undefined)
    }
    expect(parseDate('2020-02-29')?.toISOString()).toBe('2020-02-29T00:00:00.000Z')
    expect(parseDate(new Date('2020-01-01T00:00:00Z'))?.toISOString()).toBe(
      '2020-01-01T00:00:00.000Z'
    )
  })

  it('should throw a `TypeError` for an unknown time zone', () => {
    expect(() => createBlogSchema({ timeZone: 'Mars/Olympus' })).toThrow(
      new TypeError(
        'Expected `timeZone` to be an IANA time zone such as `Europe/Paris`, not `Mars/Olympus`'
      )
    )
  })

  it('should compose fields into a schema of your own, and into any validator', async () => {
    const schema = schemaFromFields({
      title: fields.title(),
      tags: fields.tags(),
      when: fields.date()
    })
    const file = new VFile({ value: '---\ntitle: T\ntags: x\nwhen: 2020-01-02\n---\n' })
    expect(await validateFrontmatter(file, schema)).toEqual({
      title: 'T',
      tags: ['x'],
      when: new Date('2020-01-02T00:00:00Z')
    })
    const zod = z.object({
      tags: z.preprocess((value) => parseList(value) ?? value, z.array(z.string())),
      date: z.preprocess(
        (value) => parseDate(value, { timeZone: 'Europe/Paris' }) ?? value,
        z.date()
      )
    })
    const zodFile = new VFile({ value: '---\ntags: one\ndate: 2020-06-01\n---\n' })
    expect(await validateFrontmatter(zodFile, zod)).toEqual({
      tags: ['one'],
      date: new Date('2020-05-31T22:00:00Z')
    })
  })
})

describe('toJsonSchema', () => {
  it('should describe the blog schema for editors', () => {
    const schema = toJsonSchema(blogSchema)
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.required).toEqual(['title', 'date'])
    expect(Object.keys(schema.properties as object)).toEqual([
      'title',
      'date',
      'updated',
      // Hugo's spellings (`lastmod` is `updated`, and keys in lower case).
      'lastmod',
      'publishDate',
      'publishdate',
      'expiryDate',
      'expirydate',
      'tags',
      'draft',
      'description',
      'summary',
      'slug',
      'aliases',
      'author',
      // Hugo's keys, read…
      'weight',
      'categories',
      'series',
      'keywords',
      'image',
      'images',
      'url',
      'linkTitle',
      'linktitle',
      // …and accepted without being kept.
      'audio',
      'build',
      'cascade',
      'headless',
      'isCJKLanguage',
      'layout',
      'markup',
      'menu',
      'outputs',
      'resources',
      'sitemap',
      'translationKey',
      'type',
      'videos',
      'iscjklanguage',
      'translationkey'
    ])
    expect((schema.properties as Record<string, unknown>).draft).toEqual({
      type: 'boolean',
      default: false
    })
  })

  it('should read Jekyll’s front matter with `jekyll`: space-separated lists, `permalink`, `published`, and the date of a `_posts` file name', async () => {
    const schema = createBlogSchema({ jekyll: true })
    const file = new VFile({
      path: 'site/_posts/2018-04-23-welcome-to-jekyll.markdown',
      value:
        '---\nlayout: post\ntitle: "Welcome to Jekyll!"\ncategories: jekyll update\ncategory: News\ntags: a b a\npermalink: /:year/:title/\npublished: false\nredirect_from: /old/\nlast_modified_at: 2018-05-01\nexcerpt_separator: <!--more-->\n---\n'
    })
    expect(await validateFrontmatter(file, schema)).toEqual({
      title: 'Welcome to Jekyll!',
      date: new Date('2018-04-23T00:00:00Z'),
      updated: new Date('2018-05-01T00:00:00Z'),
      tags: ['a', 'b'],
      categories: ['News', 'jekyll', 'update'],
      draft: true,
      aliases: ['/old/'],
      url: '/:year/:title/'
    })
    expect(file.messages.map(String)).toEqual([])
    // Its own `date` wins over the name's; without `jekyll`, one string is one name.
    const dated = new VFile({
      path: '_posts/2018-04-23-x.md',
      value: '---\ntitle: X\ndate: 2019-01-01\ncategories: jekyll update\n---\n'
    })
    expect(await validateFrontmatter(dated, blogSchema)).toMatchObject({
      date: new Date('2019-01-01T00:00:00Z'),
      categories: ['jekyll update']
    })
    // Outside `_posts` a name gives no date, unless `fileNameDates: 'all'`.
    const loose = () => new VFile({ path: 'posts/2018-04-23-x.md', value: '---\ntitle: X\n---\n' })
    const none = loose()
    expect(await validateFrontmatter(none, blogSchema)).toBe(undefined)
    expect(none.messages.map((message) => message.ruleId)).toEqual(['schema'])
    expect(await validateFrontmatter(loose(), blogSchema, { fileNameDates: 'all' })).toMatchObject({
      date: new Date('2018-04-23T00:00:00Z')
    })
    expect(fileNameDate('_posts/2018-02-30-x.md')).toBe(undefined)
    expect(fileNameDate('blog\\_posts\\2018-02-03-x.y.md')).toEqual({
      date: '2018-02-03',
      slug: 'x.y'
    })
    expect(fileNameDate('_posts/2018-02-03-x.md', 'none')).toBe(undefined)
    await expect(
      validateFrontmatter(loose(), blogSchema, { fileNameDates: 'yes' as never })
    ).rejects.toThrow(/fileNameDates/)
  })

  it('should read numbers in lists as their digits, and a section’s `_index.md` without title or date', async () => {
    const file = new VFile({
      path: 'a.md',
      value:
        '---\ntitle: A\ndate: 2018-04-23\ntags: [ 2018, travel, 2018 ]\nkeywords: [ 404 ]\n---\n'
    })
    expect(await validateFrontmatter(file, blogSchema)).toMatchObject({
      tags: ['2018', 'travel'],
      keywords: ['404']
    })
    expect(file.messages).toEqual([])
    const intro = new VFile({
      path: 'content/posts/_index.md',
      value: '---\nlinkTitle: Posts\nweight: 2\nmenu: main\n---\n'
    })
    expect(await validateFrontmatter(intro, createBlogSchema({ section: true }))).toMatchObject({
      linkTitle: 'Posts',
      weight: 2
    })
    expect(intro.messages).toEqual([])
  })

  it('should read Hugo’s front matter as it is: `lastmod` as `updated`, its other keys without a warning', async () => {
    const file = new VFile({
      path: 'hugo.md',
      value:
        '---\ntitle: Hugo\ndate: 2018-04-23\nlastmod: 2019-01-02\nweight: 3\ncategories: [ Docs ]\nseries: setup\nkeywords: [ a, b ]\nimages: [ /a.png ]\nurl: /x/y/\nlinkTitle: H\nlayout: single\ntype: docs\nmenu:\n  docs:\n    parent: intro\n---\n'
    })
    const data = await validateFrontmatter(file, blogSchema)
    expect(file.messages.map(String)).toEqual([])
    expect(data).toEqual({
      title: 'Hugo',
      date: new Date('2018-04-23T00:00:00Z'),
      updated: new Date('2019-01-02T00:00:00Z'),
      tags: [],
      draft: false,
      aliases: [],
      weight: 3,
      categories: ['Docs'],
      series: ['setup'],
      keywords: ['a', 'b'],
      images: ['/a.png'],
      url: '/x/y/',
      linkTitle: 'H'
    })
    const output = blogSchema['~standard'].jsonSchema.output({ target: 'draft-2020-12' })
      .properties as Record<string, unknown>
    expect(Object.keys(output)).not.toContain('lastmod')
    expect(Object.keys(output)).not.toContain('publishdate')
    const lower = new VFile({
      path: 'lower.md',
      value:
        '---\ntitle: L\ndate: 2018-04-23\npublishdate: 2018-05-01\nexpirydate: 2030-01-01\nlinktitle: Short\ntranslationkey: x\n---\n'
    })
    expect(await validateFrontmatter(lower, blogSchema)).toMatchObject({
      publishDate: new Date('2018-05-01T00:00:00Z'),
      expiryDate: new Date('2030-01-01T00:00:00Z'),
      linkTitle: 'Short'
    })
    expect(lower.messages).toEqual([])
    expect(Object.keys(output)).not.toContain('menu')
    const bad = new VFile({
      path: 'bad.md',
      value: '---\ntitle: B\ndate: 2018-04-23\nweight: heavy\nurl: x/\n---\n'
    })
    await validateFrontmatter(bad, blogSchema)
    expect(bad.messages.map(String)).toEqual([
      'bad.md:4:9-4:14: Unexpected `weight` value `heavy`: Expected a number',
      'bad.md:5:6-5:8: Unexpected `url` value `x/`: Expected a URL path starting with `/`, such as `/about/`'
    ])
  })

  it('should use Zod’s own converter, and explain what others need', () => {
    const zod = toJsonSchema(z.object({ title: z.string(), date: z.coerce.date() }))
    expect(zod.properties).toEqual({ title: { type: 'string' }, date: {} })
    const noJson = {
      '~standard': { version: 1, vendor: 'valibot', validate: () => ({ value: {} }) }
    } as const
    expect(() => toJsonSchema(noJson)).toThrow(
      new TypeError(
        'Expected `schema` to implement Standard JSON Schema (`~standard.jsonSchema`); `valibot` schemas do not: convert it with that library’s JSON Schema tool'
      )
    )
    expect(() => toJsonSchema(blogSchema, { target: 'draft-07' })).not.toThrow()
    // @ts-expect-error: check how invalid input is handled.
    expect(() => toJsonSchema(blogSchema, { target: 'openapi-3.0' })).toThrow(
      new TypeError('Expected `target` to be `draft-2020-12` or `draft-07`, not `openapi-3.0`')
    )
  })
})
