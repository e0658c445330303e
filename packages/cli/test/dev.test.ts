import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startDev, until } from './dev-server.js'

let root: string

// Layouts written as plain hast, so the site needs no packages of its own.
const config = `const text = (value) => ({ type: 'text', value })
const page = (title, children) => ({ type: 'root', children: [{ type: 'doctype' }, { type: 'element', tagName: 'html', properties: {}, children: [
  { type: 'element', tagName: 'head', properties: {}, children: [{ type: 'element', tagName: 'title', properties: {}, children: [text(title)] }] },
  { type: 'element', tagName: 'body', properties: {}, children }
] }] })
export default {
  site: 'https://dev.test/',
  layouts: {
    post: (post) => page(post.data.title, [{ type: 'raw', value: post.html }]),
    index: (site) => page(site.title, site.pages.map((post) => text(post.data.title))),
    tag: (tag) => page(tag.name, []),
    notFound: () => page('Not found', [text('Nothing here')])
  }
}
`

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-dev-'))
  await mkdir(path.join(root, 'content'))
  await writeFile(path.join(root, 'galley.config.mjs'), config)
  await writeFile(
    path.join(root, 'content/a.md'),
    '---\ntitle: A\ndate: 2020-01-01\ndraft: true\n---\n\nFirst version.\n'
  )
})

afterEach(() => rm(root, { recursive: true, force: true }))

describe('galley dev', () => {
  it('should serve drafts, rebuild when a post changes, show errors in the page, and stop cleanly', {
    timeout: 20_000
  }, async () => {
    const { origin, stdout, stop } = await startDev(root)
    const get = async (pathname: string) => {
      const response = await fetch(`${origin}${pathname}`)
      return { status: response.status, text: await response.text() }
    }

    const first = await get('/posts/a/')
    expect(first.status).toBe(200)
    expect(first.text).toContain('<p>First version.</p>')
    expect(first.text).toContain('new EventSource("/__galley/events")')
    expect((await get('/nope/')).status).toBe(404)

    await writeFile(
      path.join(root, 'content/a.md'),
      '---\ntitle: A\ndate: 2020-01-01\n---\n\nSecond version.\n'
    )
    await until(
      async () => ((await get('/posts/a/')).text.includes('Second version') ? true : undefined),
      'the edit'
    )
    // A body edit keeps the site's shape: the post is rebuilt alone, and
    // the log says what changed and how long it took.
    expect(stdout.text()).toMatch(
      /^galley: built 1 page in \d+ ms: 1 rendered\n(?:.*\n)*galley: content\/a\.md changed: built 1 page in \d+ ms: 1 rendered\n/m
    )

    await writeFile(path.join(root, 'content/b.md'), '---\ntitle: B\ndate: "not a date"\n---\n')
    const broken = await until(async () => {
      const page = await get('/posts/a/')
      return page.text.includes('galley-errors') ? page.text : undefined
    }, 'the error overlay')
    expect(broken).toContain('Unexpected `date` value `"not a date"`')
    expect(broken).toContain('Second version')
    // A panel at the bottom (the site's header stays in sight), with a button that closes it.
    const panel = /<aside id="galley-errors"[^>]*>/.exec(broken)?.[0]
    expect(panel).toContain('inset:auto 0 0 0')
    expect(panel).toContain('max-height:45vh')
    expect(broken).toMatch(
      /<button type="button" onclick="this\.parentNode\.remove\(\)" aria-label="Close"/
    )
    expect(stdout.text()).toMatch(
      /galley: content\/b\.md changed: build failed in \d+ ms; the last good pages are served, with the errors\n/
    )

    expect(await stop()).toBe(0)
  })

  it('should lay out a page only when it is asked for and something it read changed', {
    timeout: 20_000
  }, async () => {
    await writeFile(
      path.join(root, 'galley.config.mjs'),
      config
        .replace(
          'post: (post) => page(',
          'post: (post) => (globalThis.galleyDevLayouts = (globalThis.galleyDevLayouts ?? 0) + 1, page('
        )
        .replace("[{ type: 'raw', value: post.html }]),", "[{ type: 'raw', value: post.html }])),")
    )
    for (const name of ['b', 'c']) {
      await writeFile(
        path.join(root, `content/${name}.md`),
        `---\ntitle: ${name.toUpperCase()}\ndate: 2020-01-02\n---\n\nBody ${name}.\n`
      )
    }
    const layouts = () => (globalThis as { galleyDevLayouts?: number }).galleyDevLayouts ?? 0
    const before = layouts()
    const { origin, stdout, stop } = await startDev(root)
    const get = async (pathname: string) => (await fetch(`${origin}${pathname}`)).text()
    // Three posts built, none laid out until asked for.
    expect(layouts() - before).toBe(0)
    expect(await get('/posts/a/')).toContain('First version.')
    expect(layouts() - before).toBe(1)

    await writeFile(
      path.join(root, 'content/b.md'),
      '---\ntitle: B\ndate: 2020-01-02\n---\n\nBody b, edited.\n'
    )
    await until(
      async () => (stdout.text().match(/built \d+ pages? in/g)?.length === 2 ? true : undefined),
      'the rebuild'
    )
    // `a` read nothing that changed: served as it was.
    expect(await get('/posts/a/')).toContain('First version.')
    expect(layouts() - before).toBe(1)
    expect(await get('/posts/b/')).toContain('Body b, edited.')
    expect(layouts() - before).toBe(2)

    expect(await stop()).toBe(0)
  })

  it('should lay pages out again when a module the config imports changes, even outside the site folder', {
    timeout: 20_000
  }, async () => {
    // The config lives beside the site and imports a module of its own.
    const shared = await mkdtemp(path.join(tmpdir(), 'galley-dev-shared-'))
    try {
      await writeFile(path.join(shared, 'words.ts'), "export const footer: string = 'Footer one'\n")
      await writeFile(
        path.join(shared, 'site.config.ts'),
        `// @ts-nocheck\nimport { footer } from './words'\n${config.replace(
          "[{ type: 'raw', value: post.html }]",
          "[{ type: 'raw', value: post.html }, text(footer)]"
        )}`
      )
      const { origin, stdout, stop } = await startDev(root, [
        '--config',
        path.join(shared, 'site.config.ts')
      ])
      const get = async () => (await fetch(`${origin}/posts/a/`)).text()
      expect(await get()).toContain('Footer one')
      await writeFile(path.join(shared, 'words.ts'), "export const footer: string = 'Footer two'\n")
      await until(async () => ((await get()).includes('Footer two') ? true : undefined), 'the edit')
      expect(stdout.text()).toMatch(/galley: \.\.\/.*words\.ts changed: built 1 page in/)
      expect(await stop()).toBe(0)
    } finally {
      await rm(shared, { recursive: true, force: true })
    }
  })

  it('should serve the last of quick saves, which the watcher reports only the first of', {
    timeout: 30_000
  }, async () => {
    const { origin, stop } = await startDev(root)
    try {
      // chokidar drops a second change of a file within 50 ms of the first:
      // saves 15 ms apart, several times over, and the page must end as
      // the last one, never as one before it.
      for (let round = 1; round <= 4; round++) {
        for (let save = 1; save <= 4; save++) {
          await writeFile(
            path.join(root, 'content/a.md'),
            `---\ntitle: A\ndate: 2020-01-01\n---\n\nRound ${round}, save ${save}.\n`
          )
          await new Promise((resolve) => setTimeout(resolve, 15))
        }
        await until(async () => {
          const text = await (await fetch(`${origin}/posts/a/`)).text()
          return text.includes(`Round ${round}, save 4.`) ? true : undefined
        }, `round ${round}'s last save to be served`)
      }
    } finally {
      expect(await stop()).toBe(0)
    }
  })

  it('should survive 1,000 live-reload clients connecting and dropping, and reload those left', {
    timeout: 60_000
  }, async () => {
    const { origin, stdout, stop } = await startDev(root)
    const { port } = new URL(origin)
    /** A client of the events endpoint, on its own socket, with what it has read. */
    const open = () =>
      new Promise<{ socket: Socket; read: () => string }>((resolve, reject) => {
        let data = ''
        const socket = connect(Number(port), '127.0.0.1', () =>
          socket.write(
            `GET /__galley/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAccept: text/event-stream\r\n\r\n`
          )
        )
        socket.on('data', (chunk) => {
          data += String(chunk)
          if (data.includes(': connected')) resolve({ socket, read: () => data })
        })
        socket.on('error', reject)
      })
    try {
      const clients = []
      for (let index = 0; index < 1000; index++) clients.push(await open())
      // Half drop at once, some abruptly (a reset), some politely.
      for (const [index, client] of clients.entries()) {
        if (index % 2 === 0) {
          if (index % 4 === 0) client.socket.resetAndDestroy()
          else client.socket.end()
        }
      }
      const left = clients.filter((_, index) => index % 2 === 1)
      await writeFile(
        path.join(root, 'content/a.md'),
        '---\ntitle: A\ndate: 2020-01-01\n---\n\nAfter the crowd.\n'
      )
      await until(
        async () =>
          left.every((client) => client.read().includes('event: reload')) ? true : undefined,
        'every client left to get the reload'
      )
      for (const client of left) client.socket.destroy()
      // Still up, and a new client is told of the next rebuild.
      const late = await open()
      await writeFile(
        path.join(root, 'content/a.md'),
        '---\ntitle: A\ndate: 2020-01-01\n---\n\nOnce more.\n'
      )
      await until(
        async () => (late.read().includes('event: reload') ? true : undefined),
        'the late client to get the reload'
      )
      late.socket.destroy()
      const page = await fetch(`${origin}/posts/a/`)
      expect(await page.text()).toContain('Once more.')
    } finally {
      expect(await stop()).toBe(0)
    }
    expect(stdout.text()).not.toMatch(/error/i)
  })
})
