import { createMarkdownProcessor } from '@galley/markdown'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const { render } = createMarkdownProcessor()

// Hang guards only: speed is measured by `pnpm bench` against a plain unified script.
const guard = 60_000

/** Render, and say whether it rendered or what fatal message stopped it. */
async function outcome(value: string | Uint8Array) {
  const { html, file } = await render(new VFile({ path: 'p.md', value }))
  const fatal = file.messages.filter((message) => message.fatal)
  return { html, fatal: fatal.map((message) => `${message.ruleId}: ${message.reason}`) }
}

describe('pathological input', () => {
  it('should survive 10,000 nested blockquotes', { timeout: guard }, async () => {
    const { html, fatal } = await outcome(`${'>'.repeat(10_000)} deep\n`)
    if (fatal.length > 0) {
      expect(fatal).toEqual([
        'too-deep: Cannot render this document: it is nested too deeply for the parser (blockquotes, lists or brackets thousands of levels deep); flatten it'
      ])
      expect(html).toBe('')
    } else {
      expect(html.match(/<blockquote>/g)).toHaveLength(10_000)
    }
  })

  it('should render lists nested 400 deep', { timeout: guard }, async () => {
    const source = Array.from(
      { length: 400 },
      (_, depth) => `${'  '.repeat(depth)}- item ${depth}`
    ).join('\n')
    const { html, fatal } = await outcome(source)
    expect(fatal).toEqual([])
    expect(html.match(/<ul>/g)).toHaveLength(400)
    expect(html).toContain('<li>item 399</li>')
  })

  it('should render 50,000 open brackets as text', { timeout: guard }, async () => {
    const { html, fatal } = await outcome(`${'['.repeat(50_000)}\n`)
    expect(fatal).toEqual([])
    expect(html).toBe(`<p>${'['.repeat(50_000)}</p>`)
  })

  it('should render 20,000 emphasis runs', { timeout: guard }, async () => {
    const unmatched = await outcome(`${'*a '.repeat(20_000)}\n`)
    expect(unmatched.fatal).toEqual([])
    expect(unmatched.html.startsWith('<p>*a *a')).toBe(true)
    const matched = await outcome(`${'_a_ '.repeat(20_000)}\n`)
    expect(matched.fatal).toEqual([])
    expect(matched.html.match(/<em>a<\/em>/g)).toHaveLength(20_000)
  })

  it('should render a 1 MB post', { timeout: guard }, async () => {
    // Lists are few: mdast-util-from-markdown is quadratic in the number of
    // lists (syntax-tree/mdast-util-from-markdown#49), the floor for everyone.
    const section = (index: number) =>
      `## Section ${index}\n\nSome *text* with a [link](https://example.com/${index}) and \`code\`.\n\n${index % 100 === 0 ? '- one\n- two\n\n' : ''}\`\`\`js\nconst x = ${index}\n\`\`\`\n\n`
    let source = '---\ntitle: Big\n---\n\n# Big\n\n'
    for (let index = 0; source.length < 1_000_000; index++) source += section(index)
    const { html, fatal } = await outcome(source)
    expect(fatal).toEqual([])
    expect(html.length).toBeGreaterThan(1_000_000)
  })

  it('should render 10,000 lists between code blocks (linear, with the edit-map patch)', {
    timeout: guard
  }, async () => {
    // micromark rebuilt the whole event list at every list it closed: this
    // post (400 kB) took 68 s, 1 MB of it no less than 4 minutes. The
    // patch in `patches/` keeps what comes before the edit in place.
    const source = '- one\n- two\n\n```js\nconst x = 1\n```\n\n'.repeat(10_000)
    const { html, fatal } = await outcome(source)
    expect(fatal).toEqual([])
    expect(html.match(/<ul>/g)).toHaveLength(10_000)
  })

  it('should render a list of 100,000 items', { timeout: guard }, async () => {
    const source = Array.from({ length: 100_000 }, (_, index) => `- item ${index}`).join('\n')
    const { html, fatal } = await outcome(source)
    expect(fatal).toEqual([])
    expect(html.match(/<li>/g)).toHaveLength(100_000)
    expect(html).toContain('<li>item 99999</li>')
  })

  it('should refuse a 20 MB post at once, at its top, and render one under `maxSize`', async () => {
    const big = `---\ntitle: Big\n---\n\n${'Words of prose, and more words.\n\n'.repeat(650_000)}`
    expect(Buffer.byteLength(big)).toBeGreaterThan(20_000_000)
    const refused = await render(new VFile({ path: 'big.md', value: big }))
    expect(refused.html).toBe('')
    expect(refused.file.messages.map((message) => [String(message), message.ruleId])).toEqual([
      [
        'big.md:1:1: Cannot render this document: it is 20.5 MB, more than the 5 MB Galley renders (Markdown takes about 5 s and 600 MB a megabyte); split it into several posts, or raise `markdown.maxSize`',
        'too-large'
      ]
    ])
    expect(refused.file.messages[0]?.fatal).toBe(true)
    const small = createMarkdownProcessor({ maxSize: 100 })
    expect((await small.render(new VFile({ value: 'short' }))).html).toBe('<p>short</p>')
    const over = await small.render(new VFile({ value: 'x'.repeat(101) }))
    expect(over.file.messages.map((message) => message.ruleId)).toEqual(['too-large'])
    expect(() => createMarkdownProcessor({ maxSize: 0 })).toThrow(
      'Expected `maxSize` to be a positive number of bytes, not `0`'
    )
  })

  it('should replace NUL bytes, invalid UTF-8 and lone surrogates, not crash', async () => {
    const nul = await outcome('a\u0000b\n')
    expect(nul).toEqual({ html: '<p>a\uFFFDb</p>', fatal: [] })
    const bytes = await outcome(new Uint8Array([0x23, 0x20, 0x61, 0xff, 0xfe, 0x62, 0x0a]))
    expect(bytes).toEqual({ html: '<h1 id="ab">a\uFFFD\uFFFDb</h1>', fatal: [] })
    const surrogates = await outcome('# a\uD800b\n\nc\uDC00d\n')
    expect(surrogates.fatal).toEqual([])
    expect(surrogates.html).toContain('<p>c')
  })
})
