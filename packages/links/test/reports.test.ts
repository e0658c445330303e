import './guard.js'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { rehypeGalleyLinks, toJsonReport, toSarif } from '@galley/links'
import { checkExternalLinks, checkSite } from '@galley/links/node'
import { createMarkdownProcessor } from '@galley/markdown'
import { VFile } from 'vfile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reply, startServer, type TestServer } from './server.js'

let server: TestServer
beforeAll(async () => {
  server = await startServer({
    '/ok': reply(200),
    '/missing': reply(404),
    '/moved': reply(301, { location: '/ok' }),
    '/bot': reply(403, { 'cf-mitigated': 'challenge' })
  })
})
afterAll(() => server.close())

const { render } = createMarkdownProcessor({ rehypePlugins: [rehypeGalleyLinks] })

describe('checkExternalLinks', () => {
  it('should add a message at each broken, unverifiable or moved link', async () => {
    const o = server.origin
    const lines = [`[a](${o}/ok) [b](${o}/missing)`, '', `[c](${o}/moved) [d](${o}/bot)`]
    const value = `${lines.join('\n')}\n\n[e](https://blog.test/x/) [f](/internal/)\n`
    const file = (await render(new VFile({ path: 'post.md', value }))).file
    // Columns of a link, from the source (the port's length varies).
    const at = (line: number, label: string) => {
      const text = lines[line - 1] ?? ''
      const start = text.indexOf(`[${label}]`)
      const end = text.indexOf(')', start) + 1
      return `post.md:${line}:${start + 1}-${line}:${end + 1}`
    }
    const report = await checkExternalLinks([file], {
      site: 'https://blog.test',
      interval: 0,
      retries: 0
    })
    // HEAD each; GET again after the 404 and the 403; the redirect's target once more.
    expect(report.requests).toBe(7)
    expect(
      file.messages.map((message) => [
        String(message).replace(o, 'ORIGIN').replace(o, 'ORIGIN'),
        message.ruleId,
        message.fatal
      ])
    ).toEqual([
      [`${at(1, 'b')}: Cannot reach \`ORIGIN/missing\`: 404 Not Found`, 'broken-external', false],
      [
        `${at(3, 'c')}: Unexpected permanent redirect from \`ORIGIN/moved\` to \`ORIGIN/ok\`; link to the final URL`,
        'permanent-redirect',
        false
      ],
      [
        `${at(3, 'd')}: Cannot verify \`ORIGIN/bot\`: 403 Forbidden: the site blocks automated checks`,
        'unverifiable-external',
        undefined
      ]
    ])
  })
})

describe('reports', () => {
  const file = () => {
    const value = new VFile({ path: 'posts/a.md' })
    const error = value.message('Bad date', {
      place: { start: { line: 3, column: 7 }, end: { line: 3, column: 19 } },
      ruleId: 'schema',
      source: '@galley/frontmatter'
    })
    error.fatal = true
    value.message('Cannot find heading for `#x`', {
      place: { line: 9, column: 2 },
      ruleId: 'missing-anchor',
      source: '@galley/links'
    })
    value.info('Cannot verify `https://x.test`', {
      place: { line: 10, column: 1 },
      ruleId: 'unverifiable-external',
      source: '@galley/links'
    })
    return value
  }

  it('should give every message as JSON with line:column', () => {
    expect(toJsonReport([file()])).toEqual([
      {
        file: 'posts/a.md',
        line: 3,
        column: 7,
        endLine: 3,
        endColumn: 19,
        severity: 'error',
        ruleId: 'schema',
        source: '@galley/frontmatter',
        reason: 'Bad date'
      },
      {
        file: 'posts/a.md',
        line: 9,
        column: 2,
        endLine: undefined,
        endColumn: undefined,
        severity: 'warning',
        ruleId: 'missing-anchor',
        source: '@galley/links',
        reason: 'Cannot find heading for `#x`'
      },
      {
        file: 'posts/a.md',
        line: 10,
        column: 1,
        endLine: undefined,
        endColumn: undefined,
        severity: 'info',
        ruleId: 'unverifiable-external',
        source: '@galley/links',
        reason: 'Cannot verify `https://x.test`'
      }
    ])
  })

  it('should give SARIF 2.1.0 with rules, levels and regions', () => {
    const sarif = toSarif([file()]) as {
      version: string
      runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: unknown[] }>
    }
    expect(sarif.version).toBe('2.1.0')
    const [run] = sarif.runs
    expect(run?.tool.driver.rules.map((rule) => rule.id)).toEqual([
      '@galley/frontmatter:schema',
      '@galley/links:missing-anchor',
      '@galley/links:unverifiable-external'
    ])
    expect(run?.results[0]).toEqual({
      ruleId: '@galley/frontmatter:schema',
      level: 'error',
      message: { text: 'Bad date' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'posts/a.md' },
            region: { startLine: 3, startColumn: 7, endLine: 3, endColumn: 19 }
          }
        }
      ]
    })
    const results = (run?.results ?? []) as Array<{ level: string }>
    expect(results.map((result) => result.level)).toEqual(['error', 'warning', 'note'])
  })
})

describe('checkSite', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'galley-site-'))
    await mkdir(path.join(dir, 'posts/a'), { recursive: true })
    await writeFile(
      path.join(dir, 'index.html'),
      '<a href="/posts/a/">a</a>\n<a href="/posts/b/">b</a>\n<img src="/logo.png">'
    )
    await writeFile(
      path.join(dir, 'posts/a/index.html'),
      '<h1 id="top-heading">A</h1>\n<p id="x">1</p><p id="x">2</p>\n<a href="#top-heading">ok</a> <a href="../../#nope">bad</a>'
    )
    await writeFile(path.join(dir, 'logo.png'), 'png')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('should check a folder of built HTML at the HTML’s line:column', async () => {
    const files = await checkSite(dir)
    expect(files.flatMap((file) => file.messages.map(String))).toEqual([
      'index.html:2:1-2:26: Cannot find page `/posts/b/`; did you mean `/posts/a/index.html`',
      'posts/a/index.html:2:16-2:31: Unexpected duplicate id `x`, expected ids to be unique',
      'posts/a/index.html:3:31-3:60: Cannot find heading for `#nope` on `/`'
    ])
  })
})
