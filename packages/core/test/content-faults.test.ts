import { createGalley } from '@galley/core'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

// Content that used to end a build with a bare error: each is now a message
// at its post, and every other post is still checked and built.
const file = (name: string, value: string) => new VFile({ path: `content/posts/${name}.md`, value })

/** `path:line:column ruleId` of every message of a build. */
const placed = (files: VFile[]) =>
  files.flatMap((each) =>
    each.messages.map(
      (message) =>
        `${each.path}:${message.line}:${message.column} ${message.ruleId}${message.fatal ? ' (error)' : ''}`
    )
  )

describe('content faults are messages, not throws', () => {
  it('should warn at a tag that makes no URL, leave it out, and still report the rest', async () => {
    const result = await createGalley({ site: 'https://faults.test/' }).build([
      file('a', '---\ntitle: A\ndate: 2024-01-01\ntags: [ "!!!", bread ]\n---\n\nA.\n'),
      file('b', '---\ntitle: B\ndate: 2024-01-02\ntags: [ "???" ]\n---\n\nB.\n'),
      file('c', '---\ntitle: C\ndate: "nope"\n---\n\nC.\n')
    ])
    expect(placed(result.files)).toEqual([
      'content/posts/a.md:4:9 unusable-term',
      'content/posts/b.md:4:9 unusable-term',
      'content/posts/c.md:3:7 schema (error)'
    ])
    expect(result.files[0]?.messages[0]?.reason).toBe(
      'Unexpected tag `!!!` with no letter or digit to make its URL from; it is left out: rename it'
    )
    const paths = result.outputs.map((output) => output.path)
    expect(paths).toContain('tags/bread/rss.xml')
    expect(paths.filter((path) => path.startsWith('tags//'))).toEqual([])
  })

  it('should build the feeds without a post whose own schema lets it make no item', async () => {
    const schema = z.object({
      title: z.string(),
      date: z.coerce.date(),
      tags: z.array(z.string()).optional()
    })
    const result = await createGalley({ site: 'https://faults.test/', schema }).build([
      file('empty', '---\ntitle: ""\ndate: 2024-01-01\ntags: [ "", x ]\n---\n'),
      file('fine', '---\ntitle: Fine\ndate: 2024-01-02\ntags: [ x ]\n---\n\nFine.\n')
    ])
    expect(result.ok).toBe(true)
    expect(placed(result.files)).toEqual([
      'content/posts/empty.md:4:9 unusable-term',
      'content/posts/empty.md:1:1 feed-item'
    ])
    expect(result.files[0]?.messages[1]?.reason).toBe(
      'Cannot put this post in the feeds: `the item` expected a `title`, a `summary` or `contentHtml`: an item must have a title or a description; fix its front matter'
    )
    const rss = String(result.outputs.find((output) => output.path === 'rss.xml')?.value)
    expect(rss.match(/<item>/g)).toHaveLength(1)
    expect(rss).toContain('<title>Fine</title>')
  })

  it('should refuse, at the value, an alias or slug no disk can hold, and build nothing outside', async () => {
    const long = 'x'.repeat(300)
    const result = await createGalley({ site: 'https://faults.test/' }).build([
      file(
        'a',
        '---\ntitle: A\ndate: 2024-01-01\naliases: [ "/../../../../tmp/x/", "/old/a/" ]\n---\n\nA.\n'
      ),
      file('b', `---\ntitle: B\ndate: 2024-01-01\nslug: "${long}"\n---\n\nB.\n`),
      file('c', '---\ntitle: C\ndate: 2024-01-01\nslug: "a\\u0000b"\n---\n\nC.\n'),
      file('d', '---\ntitle: D\ndate: 2024-01-01\naliases: [ "/%2e%2e/%2e%2e/y/" ]\n---\n\nD.\n'),
      file('e', '---\ntitle: E\ndate: 2024-01-01\n---\n\nE.\n'),
      // A Windows path: a URL would read each `\` as `/` and climb out of `/posts/`.
      file('f', "---\ntitle: F\ndate: 2024-01-01\nslug: '..\\..\\escaped'\n---\n\nF.\n"),
      file('g', "---\ntitle: G\ndate: 2024-01-01\naliases: [ '/a\\..\\..\\x/' ]\n---\n\nG.\n"),
      file('h', '---\ntitle: H\ndate: 2024-01-01\nslug: /etc/passwd\n---\n\nH.\n')
    ])
    expect(placed(result.files)).toEqual([
      'content/posts/a.md:4:12 permalink-outside (error)',
      'content/posts/b.md:4:7 permalink-outside (error)',
      'content/posts/c.md:4:7 permalink-outside (error)',
      'content/posts/d.md:4:12 permalink-outside (error)',
      'content/posts/f.md:4:7 schema (error)',
      'content/posts/g.md:4:12 permalink-outside (error)',
      'content/posts/h.md:4:7 schema (error)'
    ])
    const reasons = result.files.flatMap((each) => each.messages.map((message) => message.reason))
    expect(reasons[1]).toBe(
      `Unexpected permalink \`/posts/${'x'.repeat(52)}…\` that no disk can hold: a part of it is 300 bytes long, and file names stop at 255; fix the permalink or the slug`
    )
    expect(reasons[2]).toBe(
      'Unexpected permalink `/posts/a%00b/` that no disk can hold: it holds a NUL character; fix the permalink or the slug'
    )
    // Nothing leaves the site; the good alias still redirects.
    const paths = result.outputs.map((output) => output.path)
    expect(
      paths.filter(
        (path) =>
          path.startsWith('..') ||
          path.includes('\u0000') ||
          path.includes('\\') ||
          /escaped|^x\//.test(path)
      )
    ).toEqual([])
    expect(paths).toContain('old/a/index.html')
    expect(result.pages.map((page) => page.url)).toContain('/posts/e/')
  })

  it('should report a binary file with a `.md` name at its top, and build the rest', async () => {
    // The first bytes of a PNG image, saved as a post.
    const png = new Uint8Array([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0,
      0x01, 0, 0, 0, 0x01, 0, 0x08, 0x06, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66
    ])
    const result = await createGalley({ site: 'https://faults.test/' }).build([
      new VFile({ path: 'content/posts/image.md', value: png }),
      file('fine', '---\ntitle: Fine\ndate: 2024-01-02\n---\n\nFine.\n')
    ])
    expect(placed(result.files)).toEqual(['content/posts/image.md:1:1 missing-frontmatter (error)'])
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/fine/'])
  })

  it('should report a plugin that throws on one file at that file, and build the rest', async () => {
    const result = await createGalley({
      site: 'https://faults.test/',
      markdown: {
        remarkPlugins: [
          () => (_tree: unknown, each: VFile) => {
            if (each.path.endsWith('boom.md')) throw new Error('the plugin broke')
          }
        ]
      }
    }).build([
      file('boom', '---\ntitle: Boom\ndate: 2024-01-01\n---\n\nBoom.\n'),
      file('fine', '---\ntitle: Fine\ndate: 2024-01-02\n---\n\nFine.\n')
    ])
    expect(placed(result.files)).toEqual(['content/posts/boom.md:1:1 render-error (error)'])
    expect(result.files[0]?.messages[0]?.reason).toBe(
      'Cannot render this document: the plugin broke'
    )
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/fine/'])
  })

  it('should refuse two pages whose paths differ only in case, as macOS and Windows would', async () => {
    const page = () => ({ type: 'root' as const, children: [] })
    const result = await createGalley({
      site: 'https://faults.test/',
      layouts: { post: page }
    }).build([
      file('upper', '---\ntitle: Upper\ndate: 2024-01-01\nslug: Foo\n---\n\nU.\n'),
      file('lower', '---\ntitle: Lower\ndate: 2024-01-02\nslug: foo\n---\n\nL.\n')
    ])
    expect(result.ok).toBe(false)
    expect(placed(result.files)).toEqual(['content/posts/upper.md:1:1 output-collision (error)'])
    expect(result.files[0]?.messages[0]?.reason).toMatch(
      /^Unexpected second output at `posts\/Foo\/index\.html`/
    )
  })
})
