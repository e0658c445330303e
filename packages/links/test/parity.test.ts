import { checkLinks, rehypeGalleyLinks } from '@galley/links'
import { createMarkdownProcessor } from '@galley/markdown'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const { render } = createMarkdownProcessor({ rehypePlugins: [rehypeGalleyLinks] })

describe('slug parity with @galley/markdown', () => {
  it('should accept exactly the ids the renderer gives headings', async () => {
    const headings = [
      'Setup',
      'Setup',
      'Setup',
      'What’s new? (v2.0)',
      'The `fetch()` call',
      'Emoji 🍞 and :bread:',
      'Привет, мир',
      '日本語の見出し',
      'Custom {#my-id}',
      'C++ & C#',
      '--dashes--'
    ]
    const source = headings.map((text) => `## ${text}`).join('\n\n')
    const target = await render(new VFile({ path: 'target.md', value: source }))
    const ids = target.headings.map((heading) => heading.id)
    expect(ids).toEqual([
      'setup',
      'setup-1',
      'setup-2',
      'whats-new-v20',
      'the-fetch-call',
      'emoji--and-bread',
      'привет-мир',
      '日本語の見出し',
      'my-id',
      'c--c',
      '--dashes--'
    ])
    const links = ids.map((id) => `[x](/target/#${encodeURIComponent(id)})`).join(' ')
    const linker = await render(
      new VFile({ path: 'linker.md', value: `${links}\n\n[bad](/target/#setup-3)\n` })
    )
    checkLinks([target.file, linker.file])
    expect(linker.file.messages.map((message) => message.reason)).toEqual([
      'Cannot find heading for `#setup-3` on `/target/`; did you mean `#setup-1` or `#setup-2` or `#setup`'
    ])
  })
})
