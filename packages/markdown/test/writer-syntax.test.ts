import { createMarkdownProcessor } from '@galley/markdown'
import { describe, expect, it } from 'vitest'

/** Messages as `line:column ruleId`, the way a writer finds them. */
function places(file: {
  messages: ReadonlyArray<{
    line?: number | null | undefined
    column?: number | null | undefined
    ruleId?: string | null | undefined
  }>
}): string[] {
  return file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)
}

describe('alerts', () => {
  it('should give the blockquote hook the alert type, and plain quotes none', async () => {
    const seen: Array<[string | undefined, string]> = []
    const { render } = createMarkdownProcessor({
      alerts: true,
      hooks: {
        blockquote({ alert, text }) {
          seen.push([alert, text.trim()])
          return alert === 'warning'
            ? { type: 'element', tagName: 'aside', properties: { role: 'note' }, children: [] }
            : undefined
        }
      }
    })
    const { html } = await render('> [!WARNING]\n> Hot.\n\n> Plain.\n\n> [!TIP]\n> Weigh it.\n')
    expect(seen.map(([alert]) => alert)).toEqual(['warning', undefined, 'tip'])
    expect(html).toContain('<aside role="note"></aside>')
    // A hook that returns nothing keeps the alert.
    expect(html).toContain('class="markdown-alert markdown-alert-tip"')
    expect(html).toContain('<blockquote>\n<p>Plain.</p>')
  })

  it('should render 300 nested alert markers without a crash: the outer one is an alert, inner ones quotes', async () => {
    const depth = 300
    const value = Array.from(
      { length: depth },
      (_, level) =>
        `${'> '.repeat(level + 1)}[!NOTE]\n${'> '.repeat(level + 1)}level ${level}\n${'>'.repeat(level + 1)}\n`
    ).join('')
    const { html, file } = await createMarkdownProcessor({ alerts: true }).render(value)
    expect(file.messages.filter((message) => message.fatal)).toEqual([])
    expect(html.match(/markdown-alert-note/g)).toHaveLength(1)
    expect(html.match(/<blockquote>/g)?.length).toBe(depth - 1)
  })
})

describe('directives', () => {
  it('should warn at an unclosed container and keep its content', async () => {
    const { html, file } = await createMarkdownProcessor({ directives: true }).render(
      'Intro.\n\n:::warning\nNever closed.\n\nStill inside.\n'
    )
    expect(places(file)).toEqual(['3:1 directive-unclosed'])
    expect(html).toContain('<p>Never closed.</p>')
    expect(html).toContain('<p>Still inside.</p>')
  })

  it('should warn at unknown directives and show them as written, but not at a bare `:word` in prose', async () => {
    const { html, file } = await createMarkdownProcessor({ directives: true }).render(
      'At 10:30 see:also.\n\n::video{src=a.mp4}\n\nA :kbd[Ctrl] key.\n\n:::aside\nKept.\n:::\n'
    )
    expect(places(file)).toEqual(['3:1 directive', '5:3 directive', '7:1 directive'])
    expect(html).toContain('<p>At 10:30 see:also.</p>')
    expect(html).toContain('<p>::video{src=a.mp4}</p>')
    expect(html).toContain('<p>A :kbd[Ctrl] key.</p>')
    expect(html).toContain('<div class="directive directive-aside">\n<p>Kept.</p>\n</div>')
  })

  it('should render a directive with its typed hook, attributes without a prototype', async () => {
    const { html, file } = await createMarkdownProcessor({
      directives: true,
      hooks: {
        directives: {
          youtube({ attributes, kind }) {
            expect(Object.getPrototypeOf(attributes)).toBe(null)
            expect(kind).toBe('leaf')
            return {
              type: 'element',
              tagName: 'iframe',
              properties: {
                src: `https://www.youtube-nocookie.com/embed/${attributes.id}`,
                title: 'Video'
              },
              children: []
            }
          },
          note: () => undefined
        }
      }
    }).render('::youtube{id=abc __proto__=x}\n\n:::note\nBuilt in.\n:::\n')
    expect(file.messages).toEqual([])
    expect(html).toContain(
      '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Video"></iframe>'
    )
    expect(html).toContain('class="markdown-alert markdown-alert-note"')
    expect(({} as Record<string, unknown>).x).toBe(undefined)
  })

  it('should escape attributes, and sanitize directive content with `sanitize`', async () => {
    const attribute = await createMarkdownProcessor({ directives: true }).render(
      ':abbr[x]{title="a&quot;><script>alert(1)</script>"}\n'
    )
    expect(attribute.html).toBe('<p><abbr title="a&#x22;><script>alert(1)</script>">x</abbr></p>')
    const { html } = await createMarkdownProcessor({ directives: true, sanitize: true }).render(
      ':::details[<img src=x onerror=alert(1)>]\n<img src=x onerror=alert(2)>\n:::\n'
    )
    expect(html).toBe(
      '<details><summary>&#x3C;img src=x onerror=alert(1)></summary>\n<img src="x">\n</details>'
    )
  })
})

describe('code blocks', () => {
  it('should give the code block hook the title and meta, with highlighting off', async () => {
    const seen: unknown[] = []
    await createMarkdownProcessor({
      hooks: {
        codeBlock: ({ lang, meta, title, lineNumbers }) =>
          void seen.push({ lang, meta, title, lineNumbers })
      }
    }).render('```js title="a.js" {2} showLineNumbers\nx\n```\n')
    expect(seen).toEqual([
      { lang: 'js', meta: 'title="a.js" {2} showLineNumbers', title: 'a.js', lineNumbers: true }
    ])
  })

  it('should highlight a 10,000-line block with a title and marked lines', async () => {
    const lines = Array.from({ length: 10_000 }, (_, index) => `const v${index} = ${index}`)
    const { html, file } = await createMarkdownProcessor({ highlight: true }).render(
      `\`\`\`js title="big.js" {2,9999-10000}\n${lines.join('\n')}\n\`\`\`\n`
    )
    expect(file.messages).toEqual([])
    expect(html.match(/<span class="line/g)).toHaveLength(10_000)
    expect(html.match(/class="line highlighted"/g)).toHaveLength(3)
    expect(
      html.startsWith(
        '<figure class="code-block"><figcaption class="code-title">big.js</figcaption>'
      )
    ).toBe(true)
  })
})

describe('math', () => {
  it('should warn at malformed TeX, show it as written and render the rest', async () => {
    const { html, file } = await createMarkdownProcessor({ math: true }).render(
      'Fine $a^2$.\n\nBroken $\\frac{1}{$ here.\n\n$$\n\\left( x\n$$\n'
    )
    expect(places(file)).toEqual(['3:8 math', '5:1 math'])
    expect(String(file.messages[0]?.reason)).toMatch(
      /^Cannot render this math with KaTeX: .+; fix the TeX/
    )
    expect(html).toContain('<annotation encoding="application/x-tex">a^2</annotation>')
    expect(html.match(/class="katex-error"/g)).toHaveLength(2)
  })

  it('should stop a macro that expands forever with a message, not a hang', async () => {
    const { html, file } = await createMarkdownProcessor({ math: true }).render(
      '$\\def\\a{\\a\\a}\\a$ and $\\href{javascript:alert(1)}{x}$\n'
    )
    expect(places(file)).toEqual(['1:1 math'])
    // Without `trust`, KaTeX shows `\href` as red text: no link.
    expect(html).not.toContain('<a ')
  })

  it('should give the math hook each formula before KaTeX, and leave `$5` prose alone with `singleDollar: false`', async () => {
    const seen: Array<[string, boolean]> = []
    const { html } = await createMarkdownProcessor({
      math: { singleDollar: false },
      hooks: { math: ({ tex, display }) => void seen.push([tex, display]) }
    }).render('It costs $5 or $10.\n\n$$x$$ inline.\n\n$$\ny\n$$\n')
    expect(seen).toEqual([
      ['x', false],
      ['y', true]
    ])
    expect(html).toContain('<p>It costs $5 or $10.</p>')
  })
})

describe('tables', () => {
  it('should give the table hook the rows as text', async () => {
    const { html } = await createMarkdownProcessor({
      hooks: {
        table: ({ head, body, node }) => ({
          type: 'element',
          tagName: 'div',
          properties: {
            className: ['table-wrap'],
            dataRows: String(body.length),
            dataHead: head.flat().join('|')
          },
          children: [node]
        })
      }
    }).render('| a | b |\n| - | - |\n| 1 | 2 |\n| 3 | 4 |\n')
    expect(html).toMatch(/^<div class="table-wrap" data-rows="2" data-head="a\|b"><table>/)
  })
})

describe('table of contents', () => {
  it('should list headings in `[[toc]]` between the depths asked, and leave the text without `toc`', async () => {
    const value = '[[toc]]\n\n# One\n\n## Two\n\n### Three\n\n#### Four\n'
    const on = await createMarkdownProcessor({ toc: { minDepth: 1, maxDepth: 2 } }).render(value)
    expect(on.html).toContain(
      '<nav class="toc" aria-label="Table of contents"><ol><li><a href="#one">One</a><ol><li><a href="#two">Two</a></li></ol></li></ol></nav>'
    )
    const off = await createMarkdownProcessor().render(value)
    expect(off.html).toContain('<p>[[toc]]</p>')
  })
})

describe('remark plugins', () => {
  it('should keep remark-lint’s messages and a syntax plugin’s constructs, given as `remarkPlugins`', async () => {
    const { default: recommended } = await import('remark-preset-lint-recommended')
    const { default: remarkGfm } = await import('remark-gfm')
    const { html, file } = await createMarkdownProcessor({
      gfm: false,
      remarkPlugins: [recommended, remarkGfm]
    }).render('---\ntitle: A\n---\n\n[x]: https://a.test\n[x]: https://b.test\n\n~~gone~~\n')
    expect(
      file.messages.map(
        (message) => `${message.line}:${message.column} ${message.ruleId} ${message.source}`
      )
    ).toEqual(['6:1 no-duplicate-definitions remark-lint', '6:1 no-unused-definitions remark-lint'])
    expect(html).toBe('<p><del>gone</del></p>')
    const quiet = await createMarkdownProcessor({ remarkPlugins: [recommended] }).render(
      '<!-- lint disable no-duplicate-definitions no-unused-definitions -->\n\n[x]: https://a.test\n[x]: https://b.test\n'
    )
    expect(quiet.file.messages).toEqual([])
  })
})
