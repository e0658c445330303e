import {
  checkLinks,
  createLinkChecker,
  rehypeGalleyLinks,
  remarkGalleyDefinitions
} from '@galley/links'
import { createMarkdownProcessor } from '@galley/markdown'
import rehypeParse from 'rehype-parse'
import { unified } from 'unified'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'

const { render } = createMarkdownProcessor({ rehypePlugins: [rehypeGalleyLinks] })

async function site(documents: Record<string, string>): Promise<VFile[]> {
  const files: VFile[] = []
  for (const [path, value] of Object.entries(documents)) {
    files.push((await render(new VFile({ path, value }))).file)
  }
  return files
}

describe('@galley/links', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/links')).sort()).toEqual([
      'checkLinks',
      'createLinkChecker',
      'rehypeGalleyLinks',
      'remarkGalleyDefinitions',
      'toJsonReport',
      'toSarif'
    ])
    expect(Object.keys(await import('@galley/links/node')).sort()).toEqual([
      'checkExternal',
      'checkExternalLinks',
      'checkSite'
    ])
  })

  it('should record links and real heading ids with their positions', async () => {
    const [file] = await site({
      'a.md': '# Setup\n\nSee [b](/b/#x) and ![i](/i.png).\n\n<a name="old" href="#setup">raw</a>\n'
    })
    expect(file?.data.galleyLinks?.ids.map((target) => target.id)).toEqual(['setup', 'old'])
    expect(
      file?.data.galleyLinks?.links.map(
        (link) => `${link.href}@${link.place?.start.line}:${link.place?.start.column}`
      )
    ).toEqual(['/b/#x@3:5', '/i.png@3:20', '#setup@5:1'])
  })

  it('should report an empty link and a missing anchor at their line:column', async () => {
    const files = await site({
      'posts/a.md': '# Intro\n\nSee [name]() and [here](#intro) and [gone](#intr0).\n'
    })
    checkLinks(files)
    expect(files[0]?.messages.map(String)).toEqual([
      'posts/a.md:3:5-3:13: Unexpected empty link, expected a URL or a `#fragment`',
      'posts/a.md:3:37-3:51: Cannot find heading for `#intr0`; did you mean `#intro`'
    ])
    expect(files[0]?.messages.map((m) => [m.ruleId, m.source, m.fatal])).toEqual([
      ['empty-link', '@galley/links', false],
      ['missing-anchor', '@galley/links', false]
    ])
    expect(files[0]?.messages[1]?.expected).toEqual(['#intro'])
  })

  it('should check links across documents, routes and the site origin', async () => {
    const files = await site({
      'posts/a.md': '# A\n',
      'posts/b.md': [
        '# B',
        '',
        '[ok](../a/) [ok](/posts/a/#a) [ok](/posts/a/index.html) [ok](https://blog.test/posts/a/)',
        '[ok](/tags/x/) [ok](/tags/x/#anything) [ok](#top) [ok](https://other.test/nope/)',
        '[bad](/posts/aa/) [bad](/posts/a/#b) [bad](https://blog.test/missing/)',
        ''
      ].join('\n')
    })
    checkLinks(files, { site: 'https://blog.test', routes: ['/', '/tags/x/'] })
    expect(files[0]?.messages).toEqual([])
    expect(files[1]?.messages.map(String)).toEqual([
      'posts/b.md:5:1-5:18: Cannot find page `/posts/aa/`; did you mean `/posts/a/` or `/posts/b/`',
      'posts/b.md:5:19-5:37: Cannot find heading for `#b` on `/posts/a/`; did you mean `#a`',
      'posts/b.md:5:38-5:71: Cannot find page `/missing/`'
    ])
  })

  it('should check a new version of one file against the site as a whole check does', async () => {
    const documents = {
      'posts/a.md': '# A\n\n## Setup\n',
      'posts/b.md': '# B\n\n[ok](/posts/a/#setup)\n'
    }
    const files = await site(documents)
    const checker = createLinkChecker(files, { site: 'https://blog.test' })
    for (const file of files) checker.check(file)
    expect(files.flatMap((file) => file.messages)).toEqual([])
    // `b` is edited: a link to a missing anchor and one to a missing page.
    const edited = '# B\n\n[bad](/posts/a/#set-up) [bad](/posts/c/)\n'
    const [again] = await site({ 'posts/b.md': edited })
    checker.check(again as VFile)
    const whole = await site({ ...documents, 'posts/b.md': edited })
    checkLinks(whole, { site: 'https://blog.test' })
    expect(again?.messages.map(String)).toEqual(whole[1]?.messages.map(String))
    expect(again?.messages.map(String)).toEqual([
      'posts/b.md:3:1-3:24: Cannot find heading for `#set-up` on `/posts/a/`; did you mean `#setup`',
      'posts/b.md:3:25-3:41: Cannot find page `/posts/c/`; did you mean `/posts/a/` or `/posts/b/`'
    ])
    expect(checker.complete).toBe(true)
  })

  it('should match percent-encoded fragments against ids', async () => {
    const files = await site({ 'a.md': '# Ünïcode\n\n[x](#%C3%BCn%C3%AFcode)\n' })
    checkLinks(files)
    expect(files[0]?.messages).toEqual([])
  })

  it('should report duplicate ids and honour `skip`', async () => {
    const files = await site({
      'a.md': '<p id="x">1</p>\n\n<p id="x">2</p>\n\n[skip me](/nowhere/) [me too](/gone/)\n'
    })
    checkLinks(files, { skip: ['/nowhere/', /^\/gone/] })
    expect(files[0]?.messages.map(String)).toEqual([
      'a.md:3:1-3:16: Unexpected duplicate id `x`, expected ids to be unique'
    ])
  })

  it('should collect `src`, `srcset` and `poster` from any hast tree', async () => {
    const file = new VFile()
    const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeGalleyLinks)
    await processor.run(
      processor.parse(
        '<img src="a.png" srcset="a.png 1x, b.png 2x"><video poster="p.jpg"></video>'
      ),
      file
    )
    expect(file.data.galleyLinks?.links.map((link) => link.href)).toEqual([
      'a.png',
      'a.png',
      'b.png',
      'p.jpg'
    ])
  })

  it('should collect from elements named like `Object.prototype` keys', async () => {
    const file = new VFile()
    const processor = unified().use(rehypeParse, { fragment: true }).use(rehypeGalleyLinks)
    await processor.run(
      processor.parse(
        '<constructor href="x"></constructor><toString id="t"><a href="#t">t</a></toString>'
      ),
      file
    )
    expect(file.data.galleyLinks?.links.map((link) => link.href)).toEqual(['#t'])
    expect(file.data.galleyLinks?.ids.map((target) => target.id)).toEqual(['t'])
  })

  it('should throw on a `site` that is not an absolute URL', () => {
    expect(() => checkLinks([], { site: 'blog' })).toThrow(
      'Expected `site` to be an absolute URL, not `blog`'
    )
  })
})

describe('reference definitions', () => {
  it('should check definitions no reference uses, at the definition', async () => {
    const { render: withDefinitions } = createMarkdownProcessor({
      remarkPlugins: [remarkGalleyDefinitions],
      rehypePlugins: [rehypeGalleyLinks]
    })
    const { file } = await withDefinitions(
      new VFile({ path: 'a.md', value: '# A\n\n[used][u]\n\n[u]: #a\n[unused]: #nowhere\n' })
    )
    expect(
      file.data.galleyLinks?.links.map((link) => `${link.href}@${link.place?.start.line}`)
    ).toEqual(['#a@3', '#nowhere@6'])
    checkLinks([file])
    expect(file.messages.map(String)).toEqual(['a.md:6:1-6:19: Cannot find heading for `#nowhere`'])
  })

  it('should find definitions and references inside quotes and lists', async () => {
    const { render: withDefinitions } = createMarkdownProcessor({
      remarkPlugins: [remarkGalleyDefinitions],
      rehypePlugins: [rehypeGalleyLinks]
    })
    const { file } = await withDefinitions(
      new VFile({ path: 'a.md', value: '# A\n\n> * [used][u]\n>\n>   [u]: #a\n\n* > [gone]: #b\n' })
    )
    expect(
      file.data.galleyLinks?.links.map((link) => `${link.href}@${link.place?.start.line}`)
    ).toEqual(['#a@3', '#b@7'])
  })
})
