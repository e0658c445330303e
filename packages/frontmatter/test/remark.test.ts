import {
  blogSchema,
  createBlogSchema,
  frontmatterMatters,
  markValidated,
  remarkGalleyFrontmatter,
  validateFrontmatter
} from '@galley/frontmatter'
import type { Root } from 'mdast'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

describe('remarkGalleyFrontmatter', () => {
  it('should take front matter after blank lines out of the tree', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter, frontmatterMatters)
      .use(remarkGalleyFrontmatter, { schema: blogSchema })
    const file = new VFile({
      path: 'a.md',
      value: '\n\n---\ntitle: Hello\ndate: 2020-01-01\ntags:\n  - a\n---\n\n# Body\n'
    })
    const tree = (await processor.run(processor.parse(file), file)) as Root
    expect(tree.children.map((node) => node.type)).toEqual(['heading'])
    expect(file.data.galleyFrontmatter).toMatchObject({ title: 'Hello', tags: ['a'] })
    expect(file.messages.map((message) => message.ruleId)).toEqual(['frontmatter-blank-line'])
  })

  it('should parse and validate front matter inside a unified pipeline', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkGalleyFrontmatter, { schema: blogSchema })
    const file = new VFile({
      path: 'a.md',
      value: '---\ntitle: A\ndate: 2021-05-06\n---\n\n# Heading\n'
    })
    await processor.run(processor.parse(file), file)
    expect(file.data.matter).toEqual({ title: 'A', date: '2021-05-06' })
    expect(file.data.galleyFrontmatter).toEqual({
      title: 'A',
      date: new Date('2021-05-06T00:00:00Z'),
      tags: [],
      draft: false,
      aliases: []
    })
  })

  it('should neither parse nor validate again a file validated with the same schema and policy', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkGalleyFrontmatter, { schema: blogSchema })
    const value = '---\ntitle: A\ndate: 2021-05-06\ncolour: blue\n---\n\n# Heading\n'
    const file = new VFile({ path: 'a.md', value })
    await validateFrontmatter(file, blogSchema)
    const validated = file.data.galleyFrontmatter
    await processor.run(processor.parse(file), file)
    // One warning, not two; the value the first validation gave.
    expect(file.messages.map(String)).toEqual([
      'a.md:4:1-4:7: Unexpected unknown key `colour`; remove it, or add it to the schema'
    ])
    expect(file.data.galleyFrontmatter).toBe(validated)

    // Another policy, or another schema: validated again.
    const strict = unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkGalleyFrontmatter, { schema: blogSchema, unknownKeys: 'error' })
    await strict.run(strict.parse(file), file)
    expect(file.messages.map((message) => message.fatal)).toEqual([false, true])
    const other = createBlogSchema()
    const again = unified()
      .use(remarkParse)
      .use(remarkFrontmatter)
      .use(remarkGalleyFrontmatter, { schema: other })
    const copy = new VFile({ path: 'a.md', value })
    await validateFrontmatter(copy, blogSchema)
    await again.run(again.parse(copy), copy)
    expect(copy.messages).toHaveLength(2)

    // Another text since: validated again.
    const edited = new VFile({ path: 'a.md', value })
    await validateFrontmatter(edited, blogSchema)
    edited.value = '---\ntitle: B\ndate: 2021-05-06\n---\n'
    await processor.run(processor.parse(edited), edited)
    expect((edited.data.galleyFrontmatter as { title: string }).title).toBe('B')
  })

  it('should take the data of a file marked as validated elsewhere as it is', async () => {
    const processor = unified()
      .use(remarkParse)
      .use(remarkFrontmatter, frontmatterMatters)
      .use(remarkGalleyFrontmatter, { schema: blogSchema })
    // Bare JSON front matter: still taken out of the tree.
    const file = new VFile({ path: 'a.md', value: '{ "title": "A", "dat": 1 }\n\n# Body\n' })
    file.data.matter = { title: 'A', date: '2021-05-06' }
    file.data.galleyFrontmatter = { title: 'As the main thread had it' }
    markValidated(file, blogSchema)
    const tree = (await processor.run(processor.parse(file), file)) as Root
    expect(file.messages).toEqual([])
    expect(file.data.galleyFrontmatter).toEqual({ title: 'As the main thread had it' })
    expect(tree.children.map((node) => node.type)).toEqual(['heading'])
  })

  it('should only parse when no schema is given', async () => {
    const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGalleyFrontmatter)
    const file = new VFile({ path: 'a.md', value: '---\nanything: 1\n---\n' })
    await processor.run(processor.parse(file), file)
    expect(file.data.matter).toEqual({ anything: 1 })
    expect(file.data.galleyFrontmatter).toBe(undefined)
    expect(file.messages).toEqual([])
  })
})

describe('remarkGalleyFrontmatter with every format', () => {
  const processor = unified()
    .use(remarkParse)
    .use(remarkFrontmatter, frontmatterMatters)
    .use(remarkGalleyFrontmatter, { schema: blogSchema })

  it('should read TOML, fenced JSON and bare JSON, leaving only the body in the tree', async () => {
    const sources = [
      '+++\ntitle = "A"\ndate = 2021-05-06\n+++\n\n# Body\n',
      '---json\n{ "title": "A", "date": "2021-05-06" }\n---\n\n# Body\n',
      '{\n  "title": "A",\n  "date": "2021-05-06"\n}\n\n# Body\n'
    ]
    for (const value of sources) {
      const file = new VFile({ path: 'a.md', value })
      const tree = (await processor.run(processor.parse(file), file)) as Root
      expect(file.messages).toEqual([])
      expect((file.data.galleyFrontmatter as { title: string }).title).toBe('A')
      expect(
        tree.children
          .map((node) => String(node.type))
          .filter((type) => type !== 'toml' && type !== 'json')
      ).toEqual(['heading'])
    }
  })
})
