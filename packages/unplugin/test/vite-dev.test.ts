import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { stripVTControlCharacters } from 'node:util'
import vitePlugin from '@galley/unplugin/vite'
import { createLogger, createServer, type ViteDevServer } from 'vite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'

let root: string
let server: ViteDevServer
/** What the dev server printed as warnings. */
let printed: string[]

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-vite-dev-'))
  await cp(fileURLToPath(new URL('fixtures/site/', import.meta.url)), root, { recursive: true })
  printed = []
  const logger = createLogger('warn')
  logger.warn = (message) => void printed.push(stripVTControlCharacters(message))
  server = await createServer({
    root,
    customLogger: logger,
    configFile: false,
    server: { port: 0, strictPort: false },
    plugins: [
      vitePlugin({
        site: 'https://blog.test/',
        collections: { pages: { glob: 'pages/*.md', permalink: '/:slug/' } }
      })
    ]
  })
  await server.listen()
})

afterEach(async () => {
  await server.close()
  await rm(root, { recursive: true, force: true })
})

/** Poll until `check` passes, for at most five seconds: file watching is asynchronous. */
async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000
  let value = await read()
  while (!check(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    value = await read()
  }
  return value
}

const titles = async () => {
  const module = await server.ssrLoadModule('virtual:galley/collection/posts')
  return (module.entries as Array<{ frontmatter: { title: string } }>).map(
    (entry) => entry.frontmatter.title
  )
}

describe('@galley/unplugin in the Vite dev server', () => {
  it('should print a warning with its file and 1-based line:column, as `galley build` does', async () => {
    await titles()
    expect(printed).toEqual([
      [
        'warning: Cannot find heading for `#teardown` on `/posts/hello/`',
        `  File: ${path.join(root, 'content/posts/second.md')}:11:46`
      ].join('\n')
    ])
  })

  it('should serve drafts, and update the collection and the post when a post changes', async () => {
    expect(await titles()).toEqual(['Work in progress', 'Second', 'Hello'])
    const hello = path.join(root, 'content/posts/hello.md')
    // The page's module, as the browser asks for it.
    const before = await server.transformRequest('/content/posts/hello.md')
    expect(before?.code).toContain('"title": "Hello"')
    const updates: unknown[] = []
    const send = server.environments.client.hot.send.bind(server.environments.client.hot)
    server.environments.client.hot.send = ((payload: unknown) => {
      updates.push(payload)
      return send(payload as never)
    }) as typeof send

    await writeFile(hello, (await readFile(hello, 'utf8')).replace('title: Hello', 'title: Hi'))
    expect(await eventually(titles, (list) => list.includes('Hi'))).toEqual([
      'Work in progress',
      'Second',
      'Hi'
    ])
    const after = await eventually(
      () => server.transformRequest('/content/posts/hello.md'),
      (result) => Boolean(result?.code.includes('"title": "Hi"'))
    )
    expect(after?.code).toContain('"title": "Hi"')
    expect(updates.length).toBeGreaterThan(0)
  })

  it('should add and remove entries when posts are created and deleted', async () => {
    expect(await titles()).toHaveLength(3)
    const extra = path.join(root, 'content/posts/new.md')
    await writeFile(extra, '---\ntitle: Brand new\ndate: "2019-01-01"\n---\n\n# New\n')
    expect(await eventually(titles, (list) => list.length === 4)).toContain('Brand new')
    await unlink(extra)
    expect(await eventually(titles, (list) => list.length === 3)).not.toContain('Brand new')
  })
})
