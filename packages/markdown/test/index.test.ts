import { blogSchema } from '@galley/frontmatter'
import { createMarkdownProcessor, createProcessor, rehypeGalleyHeadings } from '@galley/markdown'
import type { Root } from 'hast'
import rehypeParse from 'rehype-parse'
import rehypeStringify from 'rehype-stringify'
import { unified } from 'unified'
import { visit } from 'unist-util-visit'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

describe('@galley/markdown', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/markdown')).sort()).toEqual([
      'createMarkdownProcessor',
      'createProcessor',
      'htmlCharacters',
      'rehypeGalleyCollect',
      'rehypeGalleyHeadings',
      'rehypeGalleyWellFormed',
      'remarkGalleyHeadingIds',
      'remarkGalleyShortcodes',
      'sanitizeSchema',
      'toToc'
    ])
  })

  it('should render a post with front matter, headings, lists and links', async () => {
    const { render } = createMarkdownProcessor()
    const result = await render(
      new VFile({
        path: 'posts/hackfest.md',
        value:
          '---\ntitle: "Hackfest"\ntags: [ fedora, atomic ]\n---\n\n# Introduction\n\nSee [the repo](https://example.com).\n\n- one\n- two\n'
      })
    )
    expect(result.html).toBe(
      '<h1 id="introduction">Introduction</h1>\n<p>See <a href="https://example.com">the repo</a>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>'
    )
    expect(result.frontmatter).toEqual({ title: 'Hackfest', tags: ['fedora', 'atomic'] })
    expect(result.headings).toEqual([{ depth: 1, id: 'introduction', text: 'Introduction' }])
    expect(String(result.file.value)).toMatch(/^---\ntitle/)
  })

  it('should give duplicate headings GitHub-style ids and keep existing ids', async () => {
    const { render } = createMarkdownProcessor()
    const { html, headings } = await render(
      '# Setup\n\n## Setup\n\n## Setup\n\n<h2 id="setup-1">Raw</h2>\n\n### Ünïcode & *emphasis*!\n'
    )
    expect(headings).toEqual([
      { depth: 1, id: 'setup', text: 'Setup' },
      { depth: 2, id: 'setup-2', text: 'Setup' },
      { depth: 2, id: 'setup-3', text: 'Setup' },
      { depth: 2, id: 'setup-1', text: 'Raw' },
      { depth: 3, id: 'ünïcode--emphasis', text: 'Ünïcode & emphasis!' }
    ])
    // Every id listed is an id in the HTML.
    for (const heading of headings) expect(html).toContain(`id="${heading.id}"`)
    expect(html).toContain('<h2 id="setup-1">Raw</h2>')
  })

  it('should support GFM by default and turn it off on request', async () => {
    const table = '| a |\n| - |\n| 1 |\n'
    expect((await createMarkdownProcessor().render(table)).html).toContain('<table>')
    expect((await createMarkdownProcessor({ gfm: false }).render(table)).html).not.toContain(
      '<table>'
    )
  })

  it('should keep raw HTML by default and drop it when not allowed', async () => {
    const doc = 'a <mark>b</mark>\n'
    expect((await createMarkdownProcessor().render(doc)).html).toBe('<p>a <mark>b</mark></p>')
    expect((await createMarkdownProcessor({ allowDangerousHtml: false }).render(doc)).html).toBe(
      '<p>a b</p>'
    )
  })

  it('should validate front matter with a schema and keep positions true', async () => {
    const { render } = createMarkdownProcessor({ frontmatter: { schema: blogSchema } })
    const { file } = await render(
      new VFile({ path: 'p.md', value: '---\ntitle: t\ndate: nope\n---\n\n# A\n' })
    )
    expect(file.messages.map(String)).toEqual([
      'p.md:3:7-3:11: Unexpected `date` value `nope`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`'
    ])
  })

  it('should treat `---` as Markdown when front matter is off', async () => {
    const { html } = await createMarkdownProcessor({ frontmatter: false }).render(
      '---\na: 1\n---\n'
    )
    expect(html).toBe('<hr>\n<h2 id="a-1">a: 1</h2>')
  })

  it('should run user plugins in their slots, after heading ids for rehype', async () => {
    const seen: string[] = []
    const processor = createProcessor({
      remarkPlugins: [() => () => void seen.push('remark')],
      rehypePlugins: [
        () => (tree: Root) => {
          visit(tree, 'element', (node) => {
            if (node.tagName === 'h1') seen.push(`rehype saw id ${String(node.properties.id)}`)
          })
        }
      ]
    })
    expect(String(await processor.process('# Title'))).toBe('<h1 id="title">Title</h1>')
    expect(seen).toEqual(['remark', 'rehype saw id title'])
    expect(() => processor.use(rehypeStringify)).toThrow(/frozen/)
  })

  it('should add heading ids as a standalone rehype plugin', async () => {
    const file = await unified()
      .use(rehypeParse, { fragment: true })
      .use(rehypeGalleyHeadings)
      .use(rehypeStringify)
      .process('<h2>Hello world</h2><h3 id="kept">x</h3>')
    expect(String(file)).toBe('<h2 id="hello-world">Hello world</h2><h3 id="kept">x</h3>')
    expect(file.data.galleyHeadings).toEqual([
      { depth: 2, id: 'hello-world', text: 'Hello world' },
      { depth: 3, id: 'kept', text: 'x' }
    ])
  })
})

describe('front matter formats', () => {
  it('should keep TOML and JSON front matter out of the HTML, with positions true', async () => {
    const { render } = createMarkdownProcessor({ frontmatter: { schema: blogSchema } })
    const sources = {
      'toml.md': '+++\ntitle = "T"\ndate = 2020-01-01\n+++\n\n# Body\n\n[x]()\n',
      'fenced.md': '---json\n{ "title": "T", "date": "2020-01-01" }\n---\n\n# Body\n\n[x]()\n',
      'bare.md': '{\n  "title": "T",\n  "date": "2020-01-01"\n}\n\n# Body\n\n[x]()\n'
    }
    for (const [path, value] of Object.entries(sources)) {
      const result = await render(new VFile({ path, value }))
      expect(result.html).toBe('<h1 id="body">Body</h1>\n<p><a href="">x</a></p>')
      expect(result.frontmatter).toEqual({ title: 'T', date: '2020-01-01' })
      expect(result.file.messages).toEqual([])
    }
  })

  it('should pass the unknown-key policy through', async () => {
    const { render } = createMarkdownProcessor({
      frontmatter: { schema: blogSchema, unknownKeys: 'error' }
    })
    const { file } = await render(
      new VFile({ path: 'p.md', value: '---\ntitle: T\ndate: 2020-01-01\ntgas: [ a ]\n---\n' })
    )
    expect(file.messages.map((message) => [String(message), message.fatal])).toEqual([
      ['p.md:4:1-4:5: Unexpected unknown key `tgas`; did you mean `tags`', true]
    ])
  })
})
