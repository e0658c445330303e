import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
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
})
