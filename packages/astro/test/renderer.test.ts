import { createMarkdownProcessor } from '@astrojs/markdown-remark'
import { galleyMarkdownRenderer } from '@galley/astro'
import { describe, expect, it } from 'vitest'
import {
  expectWriterSyntax,
  writerMarkdown,
  writerPost
} from '../../../test-support/writer-syntax.js'

const markdown = `# Hello

## Set up *the* kettle

![A kettle](./kettle.png) ![Steam](https://img.test/steam.jpg)

| a | b |
| - | - |
| 1 | 2 |
`

describe('galleyMarkdownRenderer', () => {
  it('should keep the contract of Astro’s own renderer, with Galley’s output', async () => {
    const astro = await createMarkdownProcessor()
    const galley = galleyMarkdownRenderer()
    const options = { frontmatter: { title: 'Hello' }, fileURL: new URL('file:///site/hello.md') }
    const theirs = await astro.render(markdown, options)
    const ours = await galley.render(markdown, options)
    // The same fields, so Astro can use either.
    expect(Object.keys(ours).sort()).toEqual(Object.keys(theirs).sort())
    expect(Object.keys(ours.metadata).sort()).toEqual(Object.keys(theirs.metadata).sort())
    // Headings and images as Astro reports them for the same document.
    expect(ours.metadata.headings).toEqual(theirs.metadata.headings)
    expect(ours.metadata.localImagePaths).toEqual(theirs.metadata.localImagePaths)
    expect(ours.metadata.remoteImagePaths).toEqual(theirs.metadata.remoteImagePaths)
    expect(ours.metadata.frontmatter).toEqual({ title: 'Hello' })
    expect(ours.code).toContain('<h2 id="set-up-the-kettle">Set up <em>the</em> kettle</h2>')
    expect(ours.code).toContain('<table>')
  })

  it('should list remote images that the site lets Astro optimize', async () => {
    const renderer = galleyMarkdownRenderer({
      remoteImage: (src) => src.startsWith('https://img.test/')
    })
    const result = await renderer.render(markdown)
    expect(result.metadata.remoteImagePaths).toEqual(['https://img.test/steam.jpg'])
  })

  it('should throw on a fatal problem, with its place', async () => {
    const deep = `${'>'.repeat(20_000)} too deep\n`
    await expect(galleyMarkdownRenderer().render(deep)).rejects.toThrow(/too deep|nesting/i)
  })
})

describe('writer syntax and hooks', () => {
  it('should render every feature and hook as `galley build` does', async () => {
    const body = writerPost.slice(writerPost.indexOf('---\n', 4) + 4)
    const { code } = await galleyMarkdownRenderer(writerMarkdown).render(body)
    expectWriterSyntax(code)
  })
})
