import { serialize } from 'node:v8'
import {
  type BuildOptions,
  type BuildResult,
  createGalley,
  createRenderFunction,
  type GalleyConfig
} from '@galley/core'
import { blogSchema } from '@galley/frontmatter'
import { describe, expect, it } from 'vitest'
import { post } from './fixtures.js'

const config: GalleyConfig = {
  site: 'https://b.test/',
  collections: { pages: { glob: 'pages/*.md' } },
  now: new Date('2024-06-01T00:00:00Z')
}
const input = () => [
  post(
    'posts/a.md',
    'title: A\ndate: 2024-01-01\ncolour: red',
    '# A\n\n[b](./b.md#b) [gone](#nope)\n'
  ),
  post('posts/b.md', 'title: B\ndate: 2024-02-01', '# B\n\n[about](../pages/about.md)\n'),
  post('posts/c.md', 'title: C\ndate: soon'),
  post('pages/about.md', 'title: About', 'Hi.\n')
]

describe('a render pool', () => {
  it('should give what rendering on this thread gives, and say how much is left to render', async () => {
    const calls: Array<{ routes: number; count: number }> = []
    const pool: BuildOptions['pool'] = (routes, count) => {
      calls.push({ routes: routes.length, count })
      // As a worker would: its own render function, results through a copy.
      const render = createRenderFunction(config, routes)
      return {
        render: async (file) => structuredClone(await render(file)),
        close: () => undefined
      }
    }
    const here = await createGalley(config).build(input())
    const pooled = await createGalley(config).build(input(), { pool })
    expect(calls).toEqual([{ routes: 3, count: 4 }])
    // Outputs carry traces (functions): their paths and bytes are compared.
    const written = (result: typeof here) =>
      result.outputs.map((file) => [file.path, String(file.value)])
    expect(written(pooled)).toEqual(written(here))
    const report = (files: typeof here.files) =>
      files.map((file) => [
        file.path,
        file.messages.map((message) => [String(message), message.fatal])
      ])
    expect(report(pooled.files)).toEqual(report(here.files))
    expect(here.files.flatMap((file) => file.messages)).toHaveLength(3)
    expect(pooled.pages.map((page) => [page.url, page.html])).toEqual(
      here.pages.map((page) => [page.url, page.html])
    )
  })

  it('should validate each file once, with a pool or without, and report its messages once', async () => {
    let validations = 0
    const standard = blogSchema['~standard']
    const counted = {
      '~standard': {
        ...standard,
        validate(value: unknown) {
          validations++
          return standard.validate(value)
        }
      }
    } as typeof blogSchema
    const settings: GalleyConfig = { ...config, schema: counted, unknownKeys: 'error' }
    const pool: BuildOptions['pool'] = (routes) => {
      const render = createRenderFunction(settings, routes)
      return { render: async (file) => structuredClone(await render(file)), close: () => undefined }
    }
    const report = (files: BuildResult<unknown>['files']) =>
      files.map((file) => [file.path, file.messages.map(String)])
    const here = await createGalley(settings).build(input())
    expect(validations).toBe(3)
    validations = 0
    const pooled = await createGalley(settings).build(input(), { pool })
    expect(validations).toBe(3)
    expect(report(pooled.files)).toEqual(report(here.files))
    // The unknown key is one error, where it is; `a.md` has no page.
    expect(here.files[0]?.messages.map(String)).toEqual([
      'posts/a.md:4:1-4:7: Unexpected unknown key `colour`; remove it, or add it to the schema'
    ])
    expect(here.pages.map((page) => page.url)).toEqual(['/posts/b/'])
  })

  it('should keep rendered HTML one byte per character when its text allows, and as it is when not', async () => {
    const render = createRenderFunction(config, [['posts/b.md', '/posts/b/']])
    // How V8 stores a string: `"` one byte per character, `c` two.
    const storage = (text: string) => {
      const bytes = serialize(text)
      const tag = bytes[2] === 0 ? bytes[3] : bytes[2]
      return String.fromCharCode(tag ?? 0)
    }
    const plain = await render({
      path: 'posts/a.md',
      value:
        '---\ntitle: A\ndate: 2024-01-01\n---\n\n# A café\n\nSee [b](./b.md) and <https://x.test/>.\n\n## More\n\nText.\n'
    })
    expect(plain.html).toBe(
      '<h1 id="a-café">A café</h1>\n<p>See <a href="/posts/b/">b</a> and <a href="https://x.test/">https://x.test/</a>.</p>\n<h2 id="more">More</h2>\n<p>Text.</p>'
    )
    expect(storage(plain.html)).toBe('"')
    expect(storage(plain.excerpt.html)).toBe('"')
    const wide = await render({
      path: 'posts/c.md',
      value: '---\ntitle: C\ndate: 2024-01-01\n---\n\nIt’s “quoted”.\n'
    })
    expect(wide.html).toBe('<p>It’s “quoted”.</p>')
  })
})
