import { blogSchema, remarkGalleyFrontmatter } from '@galley/frontmatter'
import remarkFrontmatter from 'remark-frontmatter'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

describe('remarkGalleyFrontmatter', () => {
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

  it('should only parse when no schema is given', async () => {
    const processor = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGalleyFrontmatter)
    const file = new VFile({ path: 'a.md', value: '---\nanything: 1\n---\n' })
    await processor.run(processor.parse(file), file)
    expect(file.data.matter).toEqual({ anything: 1 })
    expect(file.data.galleyFrontmatter).toBe(undefined)
    expect(file.messages).toEqual([])
  })
})
