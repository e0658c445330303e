import { createMarkdownProcessor } from '@galley/markdown'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

describe('highlight', () => {
  it('should highlight code with Shiki and warn about unknown languages', async () => {
    const { render } = createMarkdownProcessor({ highlight: true })
    const { html, file } = await render(
      new VFile({
        path: 'p.md',
        value: '```js\nconst a = 1\n```\n\n```klingon\nqapla\n```\n\n```\nplain\n```\n'
      })
    )
    expect(html).toMatch(
      /^<pre class="shiki github-light" style="background-color:#fff;color:#24292e" tabindex="0"><code><span class="line"><span style="color:#D73A49">const<\/span>/
    )
    expect(html).toContain('<pre><code class="language-klingon">qapla\n</code></pre>')
    expect(html).toContain('<pre><code>plain\n</code></pre>')
    expect(file.messages.map(String)).toEqual([
      'p.md:5:1-7:4: Unexpected unknown language `klingon`, expected a language Shiki knows; the block is shown as plain text'
    ])
    expect(file.messages[0]?.ruleId).toBe('unknown-language')
  })

  it('should write light and dark themes as CSS variables', async () => {
    const { html } = await createMarkdownProcessor({
      highlight: { themes: { light: 'github-light', dark: 'github-dark' }, langs: ['python'] }
    }).render('```python\nx = 1\n```\n')
    expect(html).toContain('--shiki-dark:#')
    expect(html).toContain('class="shiki shiki-themes github-light github-dark"')
  })

  it('should leave documents without code alone (Shiki is not even loaded)', async () => {
    const { html } = await createMarkdownProcessor({ highlight: true }).render(
      'Just `inline` code.\n'
    )
    expect(html).toBe('<p>Just <code>inline</code> code.</p>')
  })
})
