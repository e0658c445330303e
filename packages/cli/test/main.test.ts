import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '@galley/cli'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { capture } from './streams.js'

const site = fileURLToPath(new URL('fixtures/site/', import.meta.url))
let out: string

beforeEach(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'galley-cli-'))
})

afterEach(async () => {
  await rm(out, { recursive: true, force: true })
})

async function run(argv: string[]) {
  const stdout = capture()
  const stderr = capture()
  const code = await main(argv, { cwd: site, stdout, stderr })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

describe('galley', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/cli')).sort()).toEqual(['main'])
  })

  it('should build a site into the output folder', async () => {
    const dist = path.join(out, 'dist')
    const result = await run(['build', '--out', dist])
    expect(result).toEqual({
      code: 0,
      stdout: `galley: wrote 12 files to \`${dist}\` (2 posts)\n`,
      stderr: ''
    })
    expect((await readdir(dist)).sort()).toEqual([
      '404.html',
      'atom.xml',
      'feed.json',
      'index.html',
      'posts',
      'rss.xml',
      'sitemap.xml',
      'tags'
    ])
    expect(await readFile(path.join(dist, 'index.html'), 'utf8')).toContain(
      '<ul><li><a href="/posts/two/">Two &#x26; &#x3C;more></a></li><li><a href="/posts/one/">One</a></li></ul>'
    )
    expect(existsSync(path.join(dist, 'posts/later/index.html'))).toBe(false)
  })

  it('should publish drafts with `--drafts`', async () => {
    const dist = path.join(out, 'dist')
    expect((await run(['build', '--drafts', '--out', dist])).code).toBe(0)
    expect(existsSync(path.join(dist, 'posts/later/index.html'))).toBe(true)
  })

  it('should report every problem with path:line:column, exit 1 and write nothing', async () => {
    const dist = path.join(out, 'dist')
    await run(['build', '--out', dist])
    const before = await readFile(path.join(dist, 'index.html'), 'utf8')

    const result = await run(['build', '--config', 'broken.config.mjs', '--out', dist])
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    // vfile-reporter pads columns; compare with runs of spaces collapsed.
    expect(result.stderr.replace(/ {2,}/g, ' ')).toBe(
      [
        'broken/invalid.md',
        '4:7-4:19 error Unexpected `date` value `"not a date"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z` schema @galley/frontmatter',
        '',
        'broken/links.md',
        '8:4-8:18 warning Unexpected empty link, expected a URL or a `#fragment` empty-link @galley/links',
        '8:25-8:51 warning Cannot find heading for `#nowhere` missing-anchor @galley/links',
        '',
        '3 messages (✖ 1 error, ⚠ 2 warnings)',
        `galley: not built; \`${dist}\` was left as it was: fix the problem at broken/invalid.md:4:7`,
        ''
      ].join('\n')
    )
    // The previous build is untouched, and no temporary folder is left behind.
    expect(await readFile(path.join(dist, 'index.html'), 'utf8')).toBe(before)
    expect(await readdir(out)).toEqual(['dist'])
  })

  it('should check without writing, and fail on warnings with `--frail`', async () => {
    const clean = await run(['check'])
    expect(clean).toEqual({ code: 0, stdout: 'galley: checked 3 files\n', stderr: '' })

    const warnings = path.join(out, 'warnings.config.mjs')
    await writeFile(
      warnings,
      `export default { site: 'https://fixture.test/', contentDir: ${JSON.stringify(path.join(site, 'broken'))} }\n`
    )
    const frail = await run(['check', '--frail', '--config', warnings])
    expect(frail.code).toBe(1)
    expect(frail.stderr).toMatch(
      /galley: check failed: fix the 3 problems at \S*broken\/invalid\.md:4:7, \S*broken\/links\.md:8:4, \S*broken\/links\.md:8:25\n$/
    )
    expect(existsSync(path.join(site, 'dist'))).toBe(false)
  })

  it('should report as JSON or SARIF on stdout with `--format`', async () => {
    const json = await run(['check', '--config', 'broken.config.mjs', '--format', 'json'])
    expect(json.code).toBe(1)
    expect(
      JSON.parse(json.stdout).map(
        (message: { file: string; line: number; column: number; ruleId: string }) =>
          `${message.file}:${message.line}:${message.column} ${message.ruleId}`
      )
    ).toEqual([
      'broken/invalid.md:4:7 schema',
      'broken/links.md:8:4 empty-link',
      'broken/links.md:8:25 missing-anchor'
    ])
    const sarif = await run(['check', '--config', 'broken.config.mjs', '--format', 'sarif'])
    const log = JSON.parse(sarif.stdout)
    expect(log.version).toBe('2.1.0')
    expect(log.runs[0].results.map((result: { level: string }) => result.level)).toEqual([
      'error',
      'warning',
      'warning'
    ])
    const bad = await run(['check', '--format', 'xml'])
    expect(bad).toEqual({
      code: 1,
      stdout: '',
      stderr: 'galley: expected `--format` to be `text`, `json` or `sarif`, not `xml`\n'
    })
  })

  it('should explain a missing config file', async () => {
    const result = await main(['build'], { cwd: out, stdout: capture(), stderr: capture() })
    expect(result).toBe(1)
    const stderr = capture()
    await main(['check'], { cwd: out, stdout: capture(), stderr })
    expect(stderr.text()).toBe(
      `galley: Cannot find \`galley.config.ts\` (or .mts, .js, .mjs) in \`${out}\`; create one that exports \`defineConfig({ site: 'https://example.com/' })\` as default\n`
    )
  })

  it('should print help, and reject unknown commands and flags', async () => {
    const help = await run(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: galley <command> \[options\]/)
    const unknown = await run(['deploy'])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toMatch(/^galley: unknown command `deploy`/)
    const flag = await run(['build', '--fast'])
    expect(flag.code).toBe(1)
    expect(flag.stderr).toMatch(/^galley: Unknown option '--fast'/)
    expect((await run([])).code).toBe(1)
  })
})
