import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { connect } from 'node:net'
import { networkInterfaces, tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '@galley/cli'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { prototypeKeys, readFixtures } from '../../../test-support/security.js'
import { executableParts, feedItemsHtml } from '../../../test-support/xss.js'
import { capture } from './streams.js'

const bin = fileURLToPath(new URL('../bin/galley.js', import.meta.url))

// Layouts as plain hast, so the config needs no package from the temp folder.
const config = (extra = '') => `
const el = (tagName, children, properties = {}) => ({ type: 'element', tagName, properties, children })
const text = (value) => ({ type: 'text', value })
const page = (title, children) => ({ type: 'root', children: [
  { type: 'doctype' },
  el('html', [el('head', [el('title', [text(title)])]), el('body', children)])
] })
export default {
  site: 'https://blog.test/',
  title: 'Blog',
  ${extra}
  layouts: {
    post: (post) => page(post.data.title, [{ type: 'raw', value: post.html }]),
    index: (site) => page(site.title, site.pages.map((post) => el('p', [el('a', [text(post.data.title)], { href: post.url })]))),
    tag: (tag) => page(tag.name, [text(tag.name)]),
    notFound: () => page('Not found', [text('Not found')]),
    terms: (index) => page(index.taxonomy, index.terms.map((term) => el('p', [el('a', [text(term.name)], { href: term.url })]))),
    archive: (archive) => page('Archive', archive.years.map((year) => el('p', [text(year.year)])))
  }
}
`

let parent: string
let site: string

beforeEach(async () => {
  parent = await mkdtemp(path.join(tmpdir(), 'galley-cli-security-'))
  site = path.join(parent, 'site')
  await mkdir(path.join(site, 'content'), { recursive: true })
  await mkdir(path.join(site, 'public'), { recursive: true })
  await writeFile(
    path.join(site, 'content/a.md'),
    '---\ntitle: A\ndate: 2018-04-19\ntags: [ x ]\n---\n\nTrusted <b>HTML</b>.\n'
  )
  await writeFile(path.join(site, 'public/logo.png'), 'png')
  await writeFile(path.join(site, 'galley.config.mjs'), config())
  await writeFile(path.join(site, 'NOTES.txt'), 'notes')
  await writeFile(path.join(parent, 'sibling.txt'), 'neighbour')
})

afterEach(async () => {
  await rm(parent, { recursive: true, force: true })
})

function galley(
  args: string[],
  cwd = site
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    })
  })
}

/** A hash of every file under the temp folder, by path. */
async function hashes(): Promise<Record<string, string>> {
  const entries = await readdir(parent, { recursive: true, withFileTypes: true })
  const result: Record<string, string> = {}
  for (const entry of entries.filter((item) => item.isFile())) {
    const file = path.join(entry.parentPath, entry.name)
    result[path.relative(parent, file)] = createHash('sha256')
      .update(await readFile(file))
      .digest('hex')
  }
  return result
}

describe('galley build never destroys what is not its own', () => {
  for (const [label, args, why] of [
    ['--out .', ['build', '--out', '.'], "it is the site's folder"],
    ['--out content', ['build', '--out', 'content'], 'it is `content`, which the build reads'],
    ['--out ..', ['build', '--out', '..'], "it holds the site's folder `.`"]
  ] as const) {
    it(`should refuse ${label} before any work, leaving every file in place`, async () => {
      const before = await hashes()
      const result = await galley([...args])
      expect(result.code).toBe(1)
      expect(result.stderr).toContain(
        `galley: Refusing to build into \`${args[2] === '.' ? '.' : args[2]}\`: ${why}`
      )
      expect(await hashes()).toEqual(before)
    })
  }

  it('should refuse `outDir: "."` in the config the same way', async () => {
    await writeFile(path.join(site, 'galley.config.mjs'), config("outDir: '.',"))
    const before = await hashes()
    const result = await galley(['build'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain("Refusing to build into `.`: it is the site's folder")
    expect(await hashes()).toEqual(before)
  })

  it('should refuse to replace a folder holding files it did not write, unless --force', async () => {
    await mkdir(path.join(site, 'dist'))
    await writeFile(path.join(site, 'dist/photo.jpg'), 'precious')
    const refused = await galley(['build'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain(
      'Refusing to replace `dist`: it holds files Galley did not write (`photo.jpg`)'
    )
    expect(await readFile(path.join(site, 'dist/photo.jpg'), 'utf8')).toBe('precious')
    const forced = await galley(['build', '--force'])
    expect(forced.code).toBe(0)
    expect(existsSync(path.join(site, 'dist/photo.jpg'))).toBe(false)
    // Its own site it replaces without asking.
    expect((await galley(['build'])).code).toBe(0)
  })

  it('should name both files when two outputs share a path, and write nothing', async () => {
    await writeFile(path.join(site, 'public/rss.xml'), 'mine')
    const result = await galley(['build'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(
      'Unexpected second output at `rss.xml`: the feed `/rss.xml` and `public/rss.xml` both write it'
    )
    expect(existsSync(path.join(site, 'dist'))).toBe(false)
  })
})

describe('galley build on hostile content', () => {
  afterEach(() => {
    expect(prototypeKeys()).toEqual([])
  })

  it('should refuse TOML that reaches for the prototype at its key, in a child process', async () => {
    await writeFile(path.join(site, 'galley.config.mjs'), config('markdown: { sanitize: true },'))
    await writeFile(
      path.join(site, 'content/guest.md'),
      readFixtures('prototype').get('toml-table.md') ?? ''
    )
    const result = await galley(['build'])
    expect(result.code).toBe(1)
    expect(result.stderr).toMatch(/content\/guest\.md\n\s*4:2\s+error\s+Unexpected key `__proto__`/)
    expect(result.stderr).toContain('unsafe-key')
    expect(existsSync(path.join(site, 'dist'))).toBe(false)
    // Rendered in worker threads, the same refusal at the same place.
    const pooled = await galley(['build', '--workers', '2', '--fresh'])
    expect(pooled.code).toBe(1)
    expect(pooled.stderr).toBe(result.stderr)
  })

  it('should keep the pages and feeds of the other posts clean, in one long-lived process', async () => {
    // The corpus shows images no site has (\`<img src=x onerror=…>\`): missing
    // images fail a build, so those are left out of the check; what the
    // page and the feeds carry is the test.
    await writeFile(
      path.join(site, 'galley.config.mjs'),
      config("markdown: { sanitize: true }, links: { skip: ['x', 'x.png', 'clobber.png'] },")
    )
    for (const [name, value] of readFixtures('prototype')) {
      await writeFile(path.join(site, 'content', name), value)
    }
    await writeFile(
      path.join(site, 'content/classic.md'),
      readFixtures('xss').get('classic.md') ?? ''
    )
    const run = () =>
      main(['build', '--workers', '1'], { cwd: site, stdout: capture(), stderr: capture() })
    expect(await run()).toBe(1)
    expect(prototypeKeys()).toEqual([])
    // Without the hostile front matter the site builds, and nothing of it is left.
    for (const name of readFixtures('prototype').keys()) await rm(path.join(site, 'content', name))
    expect(await run()).toBe(0)
    const dist = path.join(site, 'dist')
    const findings: string[] = []
    for (const entry of await readdir(dist, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue
      const file = path.join(entry.parentPath, entry.name)
      const value = await readFile(file, 'utf8')
      const parts = /\.html$/.test(file)
        ? executableParts(value)
        : /(rss|atom)\.xml$|feed\.json$/.test(file)
          ? feedItemsHtml(value).flatMap(executableParts)
          : []
      findings.push(...parts.map((part) => `${path.relative(dist, file)}: ${part}`))
    }
    expect(findings).toEqual([])
  })

  it('should never write through a link put into the output folder, even with --force', async () => {
    expect((await galley(['build'])).code).toBe(0)
    // Someone swaps a folder of the built site for a link to one outside it.
    const outside = path.join(parent, 'outside')
    await mkdir(path.join(outside, 'a'), { recursive: true })
    await writeFile(path.join(outside, 'a/index.html'), 'theirs')
    await rm(path.join(site, 'dist/posts'), { recursive: true })
    await symlink(outside, path.join(site, 'dist/posts'), 'dir')
    await writeFile(
      path.join(site, 'content/a.md'),
      '---\ntitle: A\ndate: 2018-04-19\ntags: [ x ]\n---\n\nEdited.\n'
    )
    const refused = await galley(['build'])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('holds files Galley did not write (`posts`)')
    const forced = await galley(['build', '--force'])
    expect(forced.code, forced.stderr).toBe(0)
    // The link was replaced by a real folder; what it pointed at is untouched.
    expect(await readFile(path.join(outside, 'a/index.html'), 'utf8')).toBe('theirs')
    expect(await readdir(outside)).toEqual(['a'])
    expect(await readFile(path.join(site, 'dist/posts/a/index.html'), 'utf8')).toContain('Edited.')
  })

  it('should refuse links out of public/ and content/, copying nothing through them', async () => {
    await symlink('/etc', path.join(site, 'public/etc'))
    await symlink('/etc/passwd', path.join(site, 'public/pw.txt'))
    const result = await galley(['build'])
    expect(result.code).toBe(1)
    expect(result.stderr).toContain(`Refusing to copy \`${site}/public/etc\` (it links to \`/etc\``)
    expect(result.stderr).toContain(`\`${site}/public/pw.txt\` (it links to \`/etc/passwd\``)
    expect(existsSync(path.join(site, 'dist'))).toBe(false)

    await rm(path.join(site, 'public/etc'))
    await rm(path.join(site, 'public/pw.txt'))
    await writeFile(path.join(parent, 'outside.md'), '---\ntitle: Outside\ndate: 2018-01-01\n---\n')
    await symlink(path.join(parent, 'outside.md'), path.join(site, 'content/outside.md'))
    const content = await galley(['build'])
    expect(content.code).toBe(1)
    expect(content.stderr).toContain('Refusing to read `content/outside.md`: it links to')
    expect(content.stderr).toContain('link-outside')
    expect(existsSync(path.join(site, 'dist'))).toBe(false)
  })

  it('should build through symbolic link loops in content/ and public/, without hanging', async () => {
    await mkdir(path.join(site, 'content/posts'), { recursive: true })
    await writeFile(
      path.join(site, 'content/posts/b.md'),
      '---\ntitle: B\ndate: 2018-04-20\n---\n\nB.\n'
    )
    // A link to a folder above it, and two links to each other.
    await symlink('..', path.join(site, 'content/posts/up'))
    await symlink('loop-2', path.join(site, 'content/loop-1'))
    await symlink('loop-1', path.join(site, 'content/loop-2'))
    await symlink('.', path.join(site, 'public/here'))
    const result = await galley(['build'])
    expect(result.code, result.stderr).toBe(0)
    const pages = (await readdir(path.join(site, 'dist/posts'))).sort()
    expect(pages).toEqual(['a', 'b'])
    expect(existsSync(path.join(site, 'dist/logo.png'))).toBe(true)
  })
})

/** What a server answers to `text`, sent as is: the status line, or the whole answer. */
function raw(port: number, text: string, whole = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text))
    let data = ''
    socket.on('data', (chunk) => {
      data += String(chunk)
    })
    const answer = () => (whole ? data : (data.split('\r\n')[0] ?? ''))
    socket.on('end', () => resolve(answer()))
    socket.on('error', reject)
    socket.setTimeout(2000, () => {
      socket.destroy()
      resolve(answer())
    })
  })
}

function get(port: number, pathname: string, host = `127.0.0.1:${port}`): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: pathname, headers: { host } }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

async function serve(command: 'dev' | 'preview', host: string[] = ['--host', '127.0.0.1']) {
  const controller = new AbortController()
  const stdout = capture()
  const running = main([command, '--port', '0', ...host], {
    cwd: site,
    stdout,
    stderr: capture(),
    signal: controller.signal
  })
  let port: number | undefined
  for (let tries = 0; tries < 300 && !port; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    const found = /(?:127\.0\.0\.1|localhost):(\d+)\//.exec(stdout.text())?.[1]
    port = found ? Number(found) : undefined
  }
  if (!port) throw new Error(`no server: ${stdout.text()}`)
  return {
    port,
    stop: () => {
      controller.abort()
      return running
    }
  }
}

describe('galley dev and preview', () => {
  for (const command of ['dev', 'preview'] as const) {
    it(`${command}: should answer 403 to a foreign Host and 400 to a malformed URL, and stay up`, async () => {
      if (command === 'preview') expect((await galley(['build'])).code).toBe(0)
      const server = await serve(command)
      try {
        expect(await get(server.port, '/')).toBe(200)
        expect(await get(server.port, '/', 'localhost')).toBe(200)
        expect(await get(server.port, '/', 'evil.test')).toBe(403)
        expect(await get(server.port, '/', `rebind.attacker.test:${server.port}`)).toBe(403)
        expect(await get(server.port, '/%zz')).toBe(400)
        expect(await get(server.port, '/%E0%A4%A')).toBe(400)
        expect(await raw(server.port, 'GET http://[ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')).toMatch(
          /^HTTP\/1\.1 400/
        )
        expect(await get(server.port, '/posts/a/')).toBe(200)
      } finally {
        expect(await server.stop()).toBe(0)
      }
    })
  }

  // Sent as written: an HTTP client would resolve `..` before sending.
  const escapes = [
    '/../NOTES.txt',
    '/../../sibling.txt',
    '/%2e%2e/NOTES.txt',
    '/%2E%2E/%2e%2e/sibling.txt',
    '/.%2e/NOTES.txt',
    '/%2e%2e%2fNOTES.txt',
    '/..%2f..%2fsibling.txt',
    '/..%5cNOTES.txt',
    '/..\\NOTES.txt',
    '/%5c..%5c..%5csibling.txt',
    '/%252e%252e/NOTES.txt',
    '/%c0%ae%c0%ae/NOTES.txt',
    '/NOTES.txt%00.html',
    '/%00',
    '/posts/a/%00/../../../NOTES.txt',
    '//etc/passwd',
    '/%2f%2fetc%2fpasswd',
    '/..;/NOTES.txt',
    `/${'../'.repeat(40)}etc/passwd`
  ]

  for (const command of ['dev', 'preview'] as const) {
    it(`${command}: should serve nothing outside the site's folders, however the path is encoded`, async () => {
      if (command === 'preview') expect((await galley(['build'])).code).toBe(0)
      const server = await serve(command)
      try {
        for (const attempt of escapes) {
          const answer = await raw(
            server.port,
            `GET ${attempt} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
            true
          )
          expect(answer, attempt).toMatch(/^HTTP\/1\.1 (400|403|404) /)
          expect(answer, attempt).not.toMatch(/notes|neighbour|root:/)
        }
        // The check can fail: the same request for a file of the site is answered.
        const logo = await raw(
          server.port,
          `GET /logo.png HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`,
          true
        )
        expect(logo).toMatch(/^HTTP\/1\.1 200 [\s\S]*\r\n\r\n[\s\S]*png/)
      } finally {
        expect(await server.stop()).toBe(0)
      }
    })
  }

  // An address of this machine that other machines reach, if it has one.
  const outside = Object.values(networkInterfaces())
    .flat()
    .find((face) => face && !face.internal && face.family === 'IPv4')?.address

  for (const command of ['dev', 'preview'] as const) {
    it.skipIf(!outside)(
      `${command}: should listen on the loopback interface only, without --host`,
      async () => {
        if (command === 'preview') expect((await galley(['build'])).code).toBe(0)
        const server = await serve(command, [])
        try {
          expect(await get(server.port, '/', `localhost:${server.port}`)).toBe(200)
          const reached = await new Promise<string>((resolve) => {
            const socket = connect(server.port, outside as string, () => {
              socket.destroy()
              resolve('connected')
            })
            socket.on('error', (error: NodeJS.ErrnoException) => resolve(String(error.code)))
          })
          expect(reached).toBe('ECONNREFUSED')
        } finally {
          expect(await server.stop()).toBe(0)
        }
      }
    )
  }

  it('preview: should not follow links in the output folder out of it', async () => {
    expect((await galley(['build'])).code).toBe(0)
    await symlink('/etc', path.join(site, 'dist/etcdir'))
    await symlink('/etc/passwd', path.join(site, 'dist/pw.txt'))
    await symlink('index.html', path.join(site, 'dist/home.html'))
    const server = await serve('preview')
    try {
      expect(await get(server.port, '/etcdir/passwd')).toBe(404)
      expect(await get(server.port, '/pw.txt')).toBe(404)
      expect(await get(server.port, '/../../../etc/passwd')).toBe(404)
      expect(await get(server.port, '/home.html')).toBe(200)
    } finally {
      await server.stop()
    }
  })
})
