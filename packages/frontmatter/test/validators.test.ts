import { validateFrontmatter } from '@galley/frontmatter'
import type { StandardSchemaV1 } from '@standard-schema/spec'
import { type } from 'arktype'
import * as v from 'valibot'
import { VFile } from 'vfile'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'

const source = [
  '---',
  'title: 42',
  'author:',
  '  name: Ann',
  '  email: not-an-email',
  'tags: [ a, b, 3 ]',
  '---',
  ''
].join('\n')
const post = () => new VFile({ path: 'post.md', value: source })

const valid = '---\ntitle: Hi\nauthor:\n  name: Ann\n  email: ann@example.com\ntags: [ a ]\n---\n'

describe('Standard Schema validators', () => {
  it('should place Zod 4 issues on the values, and infer the output type', async () => {
    const schema = z.object({
      title: z.string(),
      author: z.object({ name: z.string(), email: z.email() }),
      tags: z.array(z.string())
    })
    const file = post()
    const value = await validateFrontmatter(file, schema)
    expectTypeOf(value).toEqualTypeOf<
      { title: string; author: { name: string; email: string }; tags: string[] } | undefined
    >()
    expect(file.messages.map(String)).toEqual([
      'post.md:2:8-2:10: Unexpected `title` value `42`: Invalid input: expected string, received number',
      'post.md:5:10-5:22: Unexpected `author.email` value `not-an-email`: Invalid email address',
      'post.md:6:15-6:16: Unexpected `tags[2]` value `3`: Invalid input: expected string, received number'
    ])
    const ok = new VFile({ value: valid })
    expect(await validateFrontmatter(ok, schema)).toEqual({
      title: 'Hi',
      author: { name: 'Ann', email: 'ann@example.com' },
      tags: ['a']
    })
  })

  it('should place Valibot 1 issues on the values', async () => {
    const schema = v.object({
      title: v.string(),
      author: v.object({ name: v.string(), email: v.pipe(v.string(), v.email()) }),
      tags: v.array(v.string())
    })
    const file = post()
    const value = await validateFrontmatter(file, schema)
    expectTypeOf(value).toEqualTypeOf<v.InferOutput<typeof schema> | undefined>()
    expect(file.messages.map(String)).toEqual([
      'post.md:2:8-2:10: Unexpected `title` value `42`: Invalid type: Expected string but received 42',
      'post.md:5:10-5:22: Unexpected `author.email` value `not-an-email`: Invalid email: Received "not-an-email"',
      'post.md:6:15-6:16: Unexpected `tags[2]` value `3`: Invalid type: Expected string but received 3'
    ])
    expect(await validateFrontmatter(new VFile({ value: valid }), schema)).toEqual({
      title: 'Hi',
      author: { name: 'Ann', email: 'ann@example.com' },
      tags: ['a']
    })
  })

  it('should place ArkType 2 issues on the values', async () => {
    const schema = type({
      title: 'string',
      author: { name: 'string', email: 'string.email' },
      tags: 'string[]'
    })
    const file = post()
    const value = await validateFrontmatter(file, schema)
    expectTypeOf(value).toEqualTypeOf<StandardSchemaV1.InferOutput<typeof schema> | undefined>()
    expect(file.messages.map(String)).toEqual([
      'post.md:2:8-2:10: Unexpected `title` value `42`: title must be a string (was a number)',
      'post.md:5:10-5:22: Unexpected `author.email` value `not-an-email`: author.email must be an email address (was "not-an-email")',
      'post.md:6:15-6:16: Unexpected `tags[2]` value `3`: tags[2] must be a string (was a number)'
    ])
    expect(await validateFrontmatter(new VFile({ value: valid }), schema)).toEqual({
      title: 'Hi',
      author: { name: 'Ann', email: 'ann@example.com' },
      tags: ['a']
    })
  })

  it('should await async schemas', async () => {
    const schema = z.object({
      title: z.string().refine(async (value) => value.length > 2, 'Too short')
    })
    const good = new VFile({ value: '---\ntitle: Long\n---\n' })
    expect(await validateFrontmatter(good, schema)).toEqual({ title: 'Long' })
    expect(good.data.galleyFrontmatter).toEqual({ title: 'Long' })
    const bad = new VFile({ path: 'a.md', value: '---\ntitle: No\n---\n' })
    expect(await validateFrontmatter(bad, schema)).toBe(undefined)
    expect(bad.messages.map(String)).toEqual([
      'a.md:2:8-2:10: Unexpected `title` value `No`: Too short'
    ])
  })

  it('should place a missing nested key on its parent', async () => {
    const schema = z.object({ author: z.object({ name: z.string() }) })
    const file = new VFile({ path: 'a.md', value: '---\nauthor:\n  handle: ann\n---\n' })
    await validateFrontmatter(file, schema, { unknownKeys: 'ignore' })
    expect(file.messages.map(String)).toEqual([
      'a.md:3:3-3:14: Missing `author.name` in `author`: Invalid input: expected string, received undefined'
    ])
  })
})
