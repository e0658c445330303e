import { createMarkdownProcessor, createProcessor } from '@galley/markdown'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const { render } = createMarkdownProcessor()

describe('result', () => {
  it('should nest headings into a table of contents, with ids from {#custom-id}', async () => {
    const result = await render(
      '# Title\n\n## Setup {#install}\n\n### Linux\n\n#### Deep\n\n## Use\n\n# Other\n'
    )
    expect(result.html).toContain('<h2 id="install">Setup</h2>')
    // Escaped and as character references, as CommonMark reads them.
    for (const written of ['{\\#a}', '&#123;#a}', '&lbrace;&#35;a}']) {
      expect((await render(`## A ${written}\n`)).html).toBe('<h2 id="a">A</h2>')
    }
    expect(result.toc).toEqual([
      {
        depth: 1,
        id: 'title',
        text: 'Title',
        children: [
          {
            depth: 2,
            id: 'install',
            text: 'Setup',
            children: [
              {
                depth: 3,
                id: 'linux',
                text: 'Linux',
                children: [{ depth: 4, id: 'deep', text: 'Deep', children: [] }]
              }
            ]
          },
          { depth: 2, id: 'use', text: 'Use', children: [] }
        ]
      },
      { depth: 1, id: 'other', text: 'Other', children: [] }
    ])
  })

  it('should list links and images with their source positions', async () => {
    const result = await render(
      'See [docs](https://example.com "Docs") and ![a cat](/cat.png).\n\n<a href="/raw/">raw</a>\n'
    )
    expect(
      result.links.map((link) => [
        link.url,
        link.text,
        link.position?.start.line,
        link.position?.start.column
      ])
    ).toEqual([
      ['https://example.com', 'docs', 1, 5],
      ['/raw/', 'raw', 3, 1]
    ])
    expect(
      result.images.map((image) => [image.src, image.alt, image.position?.start.column])
    ).toEqual([['/cat.png', 'a cat', 44]])
  })

  it('should take the excerpt before <!--more-->, else the first paragraph', async () => {
    const divided = await render(
      '---\ntitle: t\n---\n\n# Intro\n\nFirst *part*.\n\n<!--more-->\n\nRest.\n'
    )
    expect(divided.excerpt).toEqual({
      html: '<h1 id="intro">Intro</h1>\n<p>First <em>part</em>.</p>',
      text: 'Intro First part.',
      divider: true
    })
    const plain = await render('# Intro\n\nThe *first* paragraph.\n\nThe second.\n')
    expect(plain.excerpt).toEqual({
      html: '<p>The <em>first</em> paragraph.</p>',
      text: 'The first paragraph.',
      divider: false
    })
    const safe = await createMarkdownProcessor({ allowDangerousHtml: false }).render(
      'One.\n\n<!-- more -->\n\nTwo.\n'
    )
    expect(safe.excerpt.html).toBe('<p>One.</p>')
  })

  it('should count words, CJK characters one by one, leaving code out', async () => {
    const english = await render(
      `${'word '.repeat(401)}\n\n\`\`\`js\nconst notCounted = 1\n\`\`\`\n`
    )
    expect(english.stats).toEqual({ words: 401, readingMinutes: 3 })
    const mixed = await render("日本語の文章です。It's a state-of-the-art test.\n")
    expect(mixed.stats).toEqual({ words: 8 + 4, readingMinutes: 1 })
    expect((await render('')).stats).toEqual({ words: 0, readingMinutes: 0 })
    const slow = await createMarkdownProcessor({ wordsPerMinute: 100 }).render('word '.repeat(150))
    expect(slow.stats.readingMinutes).toBe(2)
  })
})

describe('options', () => {
  it('should rewrite links to Markdown files with `resolveLink`, keeping fragments', async () => {
    const routes: Record<string, string> = {
      'content/posts/setup.md': '/posts/setup/',
      '/content/posts/setup.md': '/posts/setup/'
    }
    const { render } = createMarkdownProcessor({ resolveLink: (path) => routes[path] })
    const result = await render(
      '[a](./setup.md#linux) [b](../posts/setup.md) [c](/content/posts/setup.md?x=1) [d](missing.md) [e](https://x.test/a.md)\n\n[f]: setup.md\n\n[ref][f]\n',
      { path: 'content/posts/index.md' }
    )
    expect(result.links.map((link) => link.url)).toEqual([
      '/posts/setup/#linux',
      '/posts/setup/',
      '/posts/setup/?x=1',
      'missing.md',
      'https://x.test/a.md',
      '/posts/setup/'
    ])
    // The link the resolver has no URL for is kept, and the file it names recorded.
    expect(result.file.data.galleyUnresolvedFiles).toEqual({
      'missing.md': 'content/posts/missing.md'
    })
  })

  it('should resolve links to Markdown files written with escapes or character references', async () => {
    const routes: Record<string, string> = { 'content/posts/setup.md': '/posts/setup/' }
    const { render } = createMarkdownProcessor({ resolveLink: (path) => routes[path] })
    for (const written of ['setup&#46;md', 'setup\\.md', 'setup&period;md']) {
      const result = await render(`[a](${written})\n`, { path: 'content/posts/index.md' })
      expect(result.links.map((link) => link.url)).toEqual(['/posts/setup/'])
    }
  })

  it('should resolve links to a page’s output (`other.html`) to the page of `other.md`', async () => {
    const routes: Record<string, string> = { 'content/posts/setup.md': '/posts/setup/' }
    const { render } = createMarkdownProcessor({ resolveLink: (path) => routes[path] })
    const result = await render(
      '[a](setup.html#linux) [b](./setup.htm) [c](other.html) [d](https://x.test/setup.html)\n',
      {
        path: 'content/posts/index.md'
      }
    )
    expect(result.links.map((link) => link.url)).toEqual([
      '/posts/setup/#linux',
      '/posts/setup/',
      'other.html',
      'https://x.test/setup.html'
    ])
  })

  it('should read Hugo’s shortcodes: `ref` links, `figure`, and a warning for the others', async () => {
    const routes: Record<string, string> = { 'content/posts/setup.md': '/posts/setup/' }
    const { render } = createMarkdownProcessor({ resolveLink: (path) => routes[path] })
    const result = await render(
      [
        'See [the setup]({{< ref "setup.md#linux" >}}) and [again]({{< relref setup.md >}}).',
        '',
        '{{< figure src="photo.jpg" alt="A loaf" caption="Crumb & crust" link="/big.jpg" >}}',
        '',
        'A {{< youtube id="x" >}} and `{{< ref "code.md" >}}` in code.',
        ''
      ].join('\n'),
      { path: 'content/posts/index.md' }
    )
    expect(result.html).toBe(
      [
        '<p>See <a href="/posts/setup/#linux">the setup</a> and <a href="/posts/setup/">again</a>.</p>',
        '<figure><a href="/big.jpg"><img src="photo.jpg" alt="A loaf"></a><figcaption>Crumb &#x26; crust</figcaption></figure>',
        '<p>A {{&#x3C; youtube id="x" >}} and <code>{{&#x3C; ref "code.md" >}}</code> in code.</p>'
      ].join('\n')
    )
    expect(
      result.file.messages.map(
        (message) =>
          `${message.place && 'start' in message.place ? `${message.place.start.line}:${message.place.start.column}-${message.place.end.line}:${message.place.end.column}` : ''} ${message.ruleId}`
      )
    ).toEqual(['5:3-5:25 unknown-shortcode'])
    expect(String(result.file.messages[0]?.reason)).toContain('Unexpected Hugo shortcode `youtube`')
    const off = await createMarkdownProcessor({ shortcodes: false }).render(
      '[a]({{< ref "b.md" >}})\n'
    )
    expect(off.html).toBe('<p>[a]({{&#x3C; ref "b.md" >}})</p>')
    expect(off.file.messages).toEqual([])
  })

  it('should read Hugo’s paired `highlight` as a code block of the lines as written, in a list too', async () => {
    const { render } = createMarkdownProcessor()
    const result = await render(
      [
        '{{< highlight go "linenos=table" >}}',
        '# not a heading',
        '',
        '- not a list <b>',
        '{{< /highlight >}}',
        '',
        '- Step:',
        '',
        '  {{% highlight sh %}}',
        '  npm test',
        '  {{% /highlight %}}',
        '',
        '```md',
        '{{< highlight go >}}',
        '{{< /highlight >}}',
        '```',
        '',
        '{{< highlight js >}}',
        'left open',
        ''
      ].join('\n')
    )
    expect(result.html).toBe(
      [
        '<pre><code class="language-go"># not a heading',
        '',
        '- not a list &#x3C;b>',
        '</code></pre>',
        '<ul>',
        '<li>',
        '<p>Step:</p>',
        '<pre><code class="language-sh">npm test',
        '</code></pre>',
        '</li>',
        '</ul>',
        '<pre><code class="language-md">{{&#x3C; highlight go >}}',
        '{{&#x3C; /highlight >}}',
        '</code></pre>',
        '<p>{{&#x3C; highlight js >}}',
        'left open</p>'
      ].join('\n')
    )
    // The one left open is text, with a warning at its place.
    expect(
      result.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)
    ).toEqual(['18:1 unknown-shortcode'])
  })

  it('should read Jekyll’s links and `highlight` tags, and leave them alone in code', async () => {
    const routes: Record<string, string> = {
      '/_posts/2018-04-23-hello.md': '/2018/04/23/hello.html',
      '/about.md': '/about/'
    }
    const { render } = createMarkdownProcessor({ resolveLink: (path) => routes[path] })
    const input = [
      '[a]({% post_url 2018-04-23-hello %}) [b]({% link about.md %}) [c]({{ site.url }}{{ site.baseurl }}/x/) [d]({{ "/y/" | relative_url }}) [e]({% include z %})',
      '',
      'A Hugo {{% note %}} is no Jekyll tag.',
      '',
      '`[f]({% post_url 2018-04-23-hello %})`',
      '',
      '{% highlight ruby linenos %}',
      '- not a list',
      '{% endhighlight %}',
      ''
    ].join('\n')
    const result = await render(input, { path: 'index.md' })
    expect(result.html).toBe(
      [
        '<p><a href="/2018/04/23/hello.html">a</a> <a href="/about/">b</a> <a href="/x/">c</a> <a href="/y/">d</a> [e]({% include z %})</p>',
        '<p>A Hugo {{% note %}} is no Jekyll tag.</p>',
        '<p><code>[f]({% post_url 2018-04-23-hello %})</code></p>',
        '<pre><code class="language-ruby">- not a list',
        '</code></pre>'
      ].join('\n')
    )
    // Places are the file's: the text was rewritten length for length.
    expect(result.links.map((link) => link.url)).toEqual([
      '/2018/04/23/hello.html',
      '/about/',
      '/x/',
      '/y/'
    ])
    expect(
      result.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)
    ).toEqual(['1:140 unknown-shortcode', '3:8 unknown-shortcode'])
    expect(String(result.file.messages[1]?.reason)).toContain('Hugo shortcode `note`')
  })

  it('should add smart punctuation on request', async () => {
    const { html } = await createMarkdownProcessor({ smartypants: true }).render(
      '"Hello" -- it\'s...\n'
    )
    expect(html).toBe('<p>“Hello” — it’s…</p>')
  })

  it('should mark links to other origins', async () => {
    const { html } = await createMarkdownProcessor({
      externalLinks: { site: 'https://blog.test', target: '_blank' }
    }).render('[a](https://other.test/) [b](https://blog.test/x/) [c](/y/) [d](mailto:a@b.c)\n')
    expect(html).toBe(
      '<p><a href="https://other.test/" rel="noopener noreferrer" target="_blank">a</a> <a href="https://blog.test/x/">b</a> <a href="/y/">c</a> <a href="mailto:a@b.c">d</a></p>'
    )
    expect(() => createProcessor({ externalLinks: { site: 'blog' } })).toThrow(
      new TypeError('Expected `externalLinks.site` to be an absolute URL, not `blog`')
    )
  })

  it('should sanitize untrusted content, keeping heading ids and classes', async () => {
    const { html } = await createMarkdownProcessor({ sanitize: true }).render(
      '# Title\n\n<script>alert(1)</script>\n\n<p class="note" onclick="x()">hi</p>\n\n[x](javascript:alert(1)) <img src="x" onerror="y()">\n'
    )
    expect(html).toBe(
      '<h1 id="title">Title</h1>\n\n<p class="note">hi</p>\n<p><a>x</a> <img src="x"></p>'
    )
  })

  it('should drop raw HTML when it is not allowed', async () => {
    const { html } = await createMarkdownProcessor({ allowDangerousHtml: false }).render(
      'a <b>c</b>\n'
    )
    expect(html).toBe('<p>a c</p>')
  })

  it('should run hooks, keeping the default rendering when a hook returns nothing', async () => {
    const { html } = await createMarkdownProcessor({
      hooks: {
        link: ({ href, text }) =>
          href.startsWith('http') ? h('a', { href, class: 'ext' }, `${text} ↗`) : undefined,
        image: ({ src, alt }) => h('figure', [h('img', { src, alt }), h('figcaption', alt)]),
        heading: ({ depth, id, text }) =>
          h(`h${depth}`, { id }, [h('a', { href: `#${id}` }, text)]),
        codeBlock: ({ lang, meta, code }) =>
          lang === 'mermaid' ? h('div.mermaid', { dataMeta: meta }, code) : undefined
      }
    }).render(
      '## Hi\n\n[a](https://x.test) [b](/b/) ![Cat](/c.png)\n\n```mermaid title="x"\ngraph\n```\n\n```js\n1\n```\n'
    )
    expect(html).toBe(
      [
        '<h2 id="hi"><a href="#hi">Hi</a></h2>',
        '<p><a href="https://x.test" class="ext">a ↗</a> <a href="/b/">b</a> <figure><img src="/c.png" alt="Cat"><figcaption>Cat</figcaption></figure></p>',
        '<div class="mermaid" data-meta="title=&#x22;x&#x22;">graph\n</div>',
        '<pre><code class="language-js">1\n</code></pre>'
      ].join('\n')
    )
  })

  it('should pass options to remark-rehype', async () => {
    const { html } = await createMarkdownProcessor({
      remarkRehype: { footnoteLabel: 'Notes' }
    }).render('A[^1]\n\n[^1]: B\n')
    expect(html).toContain('<h2 class="sr-only" id="footnote-label">Notes</h2>')
  })

  it('should throw a `TypeError` naming a bad option', () => {
    expect(() => createProcessor({ wordsPerMinute: 0 })).toThrow(
      new TypeError('Expected `wordsPerMinute` to be a positive number, not `0`')
    )
  })
})

describe('processor reuse', () => {
  it('should build the pipeline once for many files', async () => {
    let attached = 0
    let ran = 0
    const plugin = () => {
      attached++
      return () => {
        ran++
      }
    }
    const { render } = createMarkdownProcessor({ remarkPlugins: [plugin] })
    for (let index = 0; index < 25; index++) await render(new VFile({ value: `# Post ${index}\n` }))
    expect(attached).toBe(1)
    expect(ran).toBe(25)
  })
})
