import { existsSync } from 'node:fs'
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '@galley/cli'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { htmlPagesOf } from '../../../test-support/tree.js'
import { png } from '../../images/test/fixtures.js'
import { capture } from './streams.js'

// Real images: Galley reads their sizes.
const mapPng = await png(30, 20)
const coverPng = await png(60, 40)

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
  return { code, stdout: timeless(stdout.text()), stderr: stderr.text() }
}

/** Output with its timings (`in 380 ms`, `in 3.2 s`) as `in …`: the rest is exact. */
function timeless(text: string): string {
  return text.replace(/ in \d+(?:\.\d)? (?:ms|s)\b/g, ' in …')
}

describe('galley', () => {
  it('should expose the public api', async () => {
    expect(Object.keys(await import('@galley/cli')).sort()).toEqual(['main'])
  })

  it('should build a site into the output folder', async () => {
    const dist = path.join(out, 'dist')
    const result = await run(['build', '--out', dist])
    expect(result.code).toBe(0)
    expect(result.stderr).toBe('')
    // Two posts published (a draft is rendered, not published); the
    // fixture's renders may be in its cache from an earlier test.
    expect(result.stdout).toMatch(
      /^galley: built 2 pages in … from 3 files: 3 (?:rendered|from cache); wrote 19 files to `[^`]+`\n$/
    )
    expect((await readdir(dist)).sort()).toEqual([
      '.galley-manifest.json',
      '404.html',
      'archive',
      'atom.xml',
      'feed.json',
      'index.html',
      'posts',
      'robots.txt',
      'rss.xml',
      'sitemap.xml',
      'tags'
    ])
    expect(await readFile(path.join(dist, 'index.html'), 'utf8')).toContain(
      '<ul><li><a href="/posts/two/">Two &#x26; &#x3C;more></a></li><li><a href="/posts/one/">One</a></li></ul>'
    )
    expect(existsSync(path.join(dist, 'posts/later/index.html'))).toBe(false)
    // The layouts the config leaves out are the default theme's: the tags' index.
    expect(await readFile(path.join(dist, 'tags/index.html'), 'utf8')).toContain('<h1>Tags</h1>')
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
    expect(result.stderr).toBe(
      [
        'broken/invalid.md',
        '  4:7  error  Unexpected `date` value `"not a date"`: Expected a date such as `2018-04-23` or `2018-04-23T10:00:00Z`  schema  @galley/frontmatter',
        '',
        'broken/links.md',
        '  8:4  warning  Unexpected empty link, expected a URL or a `#fragment`  empty-link  @galley/links',
        '  8:25  warning  Cannot find heading for `#nowhere`  missing-anchor  @galley/links',
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
    expect(clean).toEqual({ code: 0, stdout: 'galley: checked 3 files in …\n', stderr: '' })

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

  it('should explain a missing config file given with --config', async () => {
    const stderr = capture()
    expect(
      await main(['check', '--config', 'nope.mjs'], { cwd: out, stdout: capture(), stderr })
    ).toBe(1)
    expect(stderr.text()).toBe('galley: Cannot find config file `nope.mjs`\n')
  })

  it('should name the config and its line when it throws or exits while loading, and exit 1', async () => {
    await mkdir(path.join(out, 'content'))
    await writeFile(path.join(out, 'content/a.md'), '---\ntitle: A\ndate: 2024-01-01\n---\n\nA.\n')
    const cases = [
      ['throws.config.mjs', "const a = 1\nthrow new Error('boom')\nexport default {}\n"],
      ['exits.config.ts', 'const a: number = 1\nprocess.exit(0)\nexport default {}\n']
    ] as const
    const said: string[] = []
    for (const [name, text] of cases) {
      await writeFile(path.join(out, name), text)
      const stderr = capture()
      const code = await main(['check', '--config', name], { cwd: out, stdout: capture(), stderr })
      said.push(`${code} ${stderr.text()}`)
    }
    expect(said).toEqual([
      '1 galley: Cannot load `throws.config.mjs:2`: boom; fix the config\n',
      '1 galley: Cannot load `exits.config.ts:2`: Unexpected `process.exit(0)` while the config loads; fix the config\n'
    ])
  })

  it('should check any folder of Markdown without a config, with URLs from file paths', async () => {
    await mkdir(path.join(out, 'hugo/content/posts'), { recursive: true })
    await writeFile(
      path.join(out, 'hugo/content/posts/first.md'),
      '---\ntitle: "First"\ntags: [ fedora, atomic ]\ndate: "2018-04-23"\ndraft: false\n---\n\n# Intro\n\nSee [about](/about/#team) and [second](/posts/second/#nope).\n'
    )
    await writeFile(
      path.join(out, 'hugo/content/posts/second.md'),
      '+++\ntitle = "Second"\ndate = 2018-05-01\n+++\n\n# Second\n'
    )
    await writeFile(
      path.join(out, 'hugo/content/about.md'),
      '---\ntitle: About\ndate: 2018-01-01\n---\n\n## Team\n\n[Home](/#welcome)\n'
    )
    // Hugo's home page: `_index.md` at the top is the page at `/`.
    await writeFile(
      path.join(out, 'hugo/content/_index.md'),
      '---\ntitle: Home\ndate: 2018-01-01\n---\n\n## Welcome\n'
    )
    const stderr = capture()
    const stdout = capture()
    expect(await main(['check', 'hugo/content'], { cwd: out, stdout, stderr })).toBe(0)
    expect(timeless(stdout.text())).toBe('galley: checked 4 files in …\n')
    expect(stderr.text().replace(/ {2,}/g, ' ')).toBe(
      'hugo/content/posts/first.md\n 10:31 warning Cannot find heading for `#nope` on `/posts/second/` missing-anchor @galley/links\n\n⚠ 1 warning\n'
    )
  })

  it('should build a Hugo content folder without a config into a site with the default theme', async () => {
    const content = path.join(out, 'hugo/content')
    await mkdir(path.join(content, 'posts'), { recursive: true })
    await writeFile(
      path.join(content, '_index.md'),
      '---\ntitle: Field notes\ndescription: Notes from the field.\n---\n\nWelcome to the notes.\n'
    )
    // An image beside a post that is no bundle, linked as GitHub resolves it.
    await mkdir(path.join(content, 'posts/img'), { recursive: true })
    await writeFile(path.join(content, 'posts/img/map.png'), mapPng)
    await writeFile(path.join(content, 'posts/img/unused.png'), 'NOT LINKED')
    // Hugo's paths: lowercase, the name replaced by `slug`.
    await writeFile(
      path.join(content, 'posts/Road-Trip.md'),
      '---\ntitle: Road\ndate: 2017-01-01\n---\n\nSee [the other](/posts/small/) and ![the map](img/map.png).\n'
    )
    await writeFile(
      path.join(content, 'posts/Big-Name.md'),
      '---\ntitle: Big\ndate: 2017-01-02\nslug: small\n---\n\nBack to [the road](/posts/road-trip/).\n'
    )
    await writeFile(
      path.join(content, 'posts/_index.md'),
      '---\ntitle: All the posts\nlinkTitle: Posts\nweight: 1\nmenu: main\n---\n\nWritten on the road.\n'
    )
    await writeFile(
      path.join(content, 'posts/first.md'),
      '\n---\ntitle: "First"\ndate: 2018-04-23\nlastmod: 2019-02-01\ntags: [ fedora ]\ncategories: [ Travel ]\nseries: [ Setup ]\nweight: 1\nlayout: single\ntype: post\nmenu:\n  main:\n    weight: 2\nkeywords: [ a ]\nimages: [ /cover.png ]\n---\n\nSee [the second](/elsewhere/second/), [it again]({{< ref "second.md" >}}) and [the categories](/categories/).\n\n{{< figure src="/cover.png" caption="The cover" >}}\n'
    )
    await writeFile(
      path.join(content, 'posts/second.md'),
      '+++\ntitle = "Second"\ndate = 2019-05-01\nurl = "/elsewhere/second/"\ncategories = [ "Travel" ]\n+++\n\nBack to [the first](/posts/first/).\n'
    )
    // Hugo's static files are in `static/` (its `public/` is its output).
    await mkdir(path.join(out, 'static'))
    await writeFile(path.join(out, 'static/cover.png'), coverPng)
    await mkdir(path.join(out, 'public'))
    await writeFile(path.join(out, 'public/index.html'), 'Hugo’s own build')
    // Hugo's own config names the site.
    await writeFile(
      path.join(out, 'hugo.toml'),
      'baseURL = "https://notes.example/"\ntitle = "Notes"\n'
    )
    const stderr = capture()
    const stdout = capture()
    const code = await main(['build', 'hugo/content', '--out', 'site'], {
      cwd: out,
      stdout,
      stderr
    })
    // The one message: the blank line before the front matter, which Hugo reads.
    expect({ code, stderr: stderr.text().replace(/ {2,}/g, ' ') }).toEqual({
      code: 0,
      stderr:
        'hugo/content/posts/first.md\n 1:1 warning Unexpected blank line before the front matter; remove it: Hugo reads front matter after blank lines, most other tools do not frontmatter-blank-line @galley/frontmatter\n\n⚠ 1 warning\n'
    })
    const dist = path.join(out, 'site')
    const pages = htmlPagesOf(dist)
    expect(pages).toEqual([
      '404.html',
      'archive/index.html',
      'categories/index.html',
      'categories/travel/index.html',
      'elsewhere/second/index.html',
      'index.html',
      'posts/first/index.html',
      // Hugo's section: the posts of `content/posts/`.
      'posts/index.html',
      'posts/road-trip/index.html',
      'posts/small/index.html',
      'series/index.html',
      'series/setup/index.html',
      'tags/fedora/index.html',
      'tags/index.html'
    ])
    const home = await readFile(path.join(dist, 'index.html'), 'utf8')
    // `_index.md` gives the home page its title and introduction; `weight` puts the first first.
    expect(home).toContain('<h1>Field notes</h1><p>Welcome to the notes.</p>')
    expect(home.indexOf('/posts/first/')).toBeLessThan(home.indexOf('/elsewhere/second/'))
    expect(await readFile(path.join(dist, 'posts/road-trip/index.html'), 'utf8')).toContain(
      '<img src="/posts/img/map.png" alt="the map" width="30" height="20">'
    )
    expect(await readFile(path.join(dist, 'posts/img/map.png'))).toEqual(Buffer.from(mapPng))
    expect(existsSync(path.join(dist, 'posts/img/unused.png'))).toBe(false)
    const section = await readFile(path.join(dist, 'posts/index.html'), 'utf8')
    expect(section).toContain('<h1>All the posts</h1><p>Written on the road.</p>')
    expect(section).toContain('<a href="/posts/first/">First</a>')
    // A section has no feed of its own to link to.
    expect(section).not.toContain('posts/rss.xml')
    const first = await readFile(path.join(dist, 'posts/first/index.html'), 'utf8')
    expect(await readFile(path.join(dist, 'cover.png'))).toEqual(Buffer.from(coverPng))
    // `lastmod` is `updated`: the page, its JSON-LD and the sitemap say so.
    expect(first).toContain('"dateModified":"2019-02-01T00:00:00.000Z"')
    expect(first).toContain('<meta property="og:image" content="https://notes.example/cover.png">')
    expect(first).toContain('<title>First · Notes</title>')
    // Its terms of every taxonomy, each list named but the tags.
    expect(first).toContain(
      '<ul class="tags"><li class="label">Categories:</li><li><a href="/categories/travel/" rel="tag">Travel</a></li></ul>'
    )
    expect(first).toContain('<a href="/series/setup/" rel="tag">Setup</a>')
    // Hugo's shortcodes: a `ref` link, resolved and checked, and a figure.
    expect(first).toContain('<a href="/elsewhere/second/">it again</a>')
    expect(first).toContain(
      '<figure><img src="/cover.png" alt="" width="60" height="40"><figcaption>The cover</figcaption></figure>'
    )
    expect(await readFile(path.join(dist, 'sitemap.xml'), 'utf8')).toContain(
      '<loc>https://notes.example/posts/first/</loc><lastmod>2019-02-01</lastmod>'
    )
  })

  it('should copy a page bundle’s files next to its page, check links to them, and follow their changes', async () => {
    const bundle = path.join(out, 'content/posts/2024/trip')
    await mkdir(path.join(bundle, 'img'), { recursive: true })
    await mkdir(path.join(out, 'content/posts/draft'), { recursive: true })
    await writeFile(
      path.join(out, 'galley.config.mjs'),
      "export default { site: 'https://b.test/', contentDir: 'content', permalink: '/p/:slug/' }\n"
    )
    await writeFile(
      path.join(bundle, 'index.md'),
      '---\ntitle: Trip\ndate: 2024-01-01\n---\n\n![A photo](photo.jpg) [map](img/map.png) [gone](nope.png)\n'
    )
    await writeFile(path.join(bundle, 'photo.jpg'), 'JPEG 1')
    await writeFile(path.join(bundle, 'img/map.png'), 'PNG')
    await writeFile(
      path.join(out, 'content/posts/draft/index.md'),
      '---\ntitle: Draft\ndate: 2024-01-02\ndraft: true\n---\n\nSoon.\n'
    )
    await writeFile(path.join(out, 'content/posts/draft/secret.txt'), 'not yet')
    const io = () => ({ cwd: out, stdout: capture(), stderr: capture() })
    const first = io()
    expect(await main(['build'], first)).toBe(0)
    // Next to the page, wherever its URL puts it; the draft's files stay out.
    const dist = path.join(out, 'dist')
    expect(await readFile(path.join(dist, 'p/trip/photo.jpg'), 'utf8')).toBe('JPEG 1')
    expect(await readFile(path.join(dist, 'p/trip/img/map.png'), 'utf8')).toBe('PNG')
    expect(existsSync(path.join(dist, 'p/draft/secret.txt'))).toBe(false)
    expect(first.stderr.text().replace(/ {2,}/g, ' ')).toContain(
      ' 6:42 warning Cannot find page `/p/trip/nope.png` missing-page'
    )
    expect(first.stderr.text()).not.toContain('map.png`')
    // A changed file is written again, by itself.
    await writeFile(path.join(bundle, 'photo.jpg'), 'JPEG 2')
    const second = io()
    expect(await main(['build'], second)).toBe(0)
    expect(second.stdout.text()).toMatch(
      /: \d+ (?:from cache|unchanged)[^;]*; 1 image read; wrote 1 file to .*, kept \d+\n/
    )
    expect(await readFile(path.join(dist, 'p/trip/photo.jpg'), 'utf8')).toBe('JPEG 2')
    // A bundle inside the bundle takes its own files; the build after all
    // that is the same, byte for byte, as a fresh one.
    const inner = path.join(bundle, 'day-2')
    await mkdir(inner)
    await writeFile(
      path.join(inner, 'index.md'),
      '---\ntitle: Day 2\ndate: 2024-01-03\n---\n\n![map](map.png)\n'
    )
    await writeFile(path.join(inner, 'map.png'), 'PNG 2')
    expect(await main(['build'], io())).toBe(0)
    expect(await readFile(path.join(dist, 'p/day-2/map.png'), 'utf8')).toBe('PNG 2')
    expect(existsSync(path.join(dist, 'p/trip/day-2/map.png'))).toBe(false)
    const files = async () => {
      const found: Record<string, string> = {}
      for (const name of await readdir(dist, { recursive: true })) {
        const file = path.join(dist, String(name))
        if (!(await lstat(file)).isDirectory()) found[String(name)] = await readFile(file, 'utf8')
      }
      return found
    }
    const incremental = await files()
    expect(await main(['build', '--fresh'], io())).toBe(0)
    expect(await files()).toEqual(incremental)
    // A link out of the bundle is refused, at its page.
    await symlink('/etc/hostname', path.join(bundle, 'host.txt'))
    const third = io()
    expect(await main(['build'], third)).toBe(1)
    expect(third.stderr.text()).toContain(
      'Refusing to copy `content/posts/2024/trip/host.txt` beside the page'
    )
    expect(existsSync(path.join(dist, 'p/trip/host.txt'))).toBe(false)
  })

  it('should keep renders in .cache/galley/render, and ignore them with --fresh', async () => {
    await mkdir(path.join(out, 'content'), { recursive: true })
    await writeFile(path.join(out, 'content/a.md'), '---\ntitle: A\ndate: 2020-01-01\n---\n\n# A\n')
    await writeFile(path.join(out, 'content/b.md'), '---\ntitle: B\ndate: 2020-01-02\n---\n\n# B\n')
    const io = { cwd: out, stdout: capture(), stderr: capture() }
    expect(await main(['check'], io)).toBe(0)
    const cache = path.join(out, '.cache/galley/render')
    expect(await readdir(cache)).toHaveLength(2)
    await rm(cache, { recursive: true })
    expect(await main(['check', '--fresh'], io)).toBe(0)
    expect(existsSync(cache)).toBe(false)
  })

  it('should show progress on long work, and help for each command', async () => {
    await mkdir(path.join(out, 'many'), { recursive: true })
    for (let index = 0; index < 120; index++) {
      await writeFile(
        path.join(out, `many/p${index}.md`),
        `---\ntitle: P${index}\ndate: 2020-01-01\n---\n\n# P\n`
      )
    }
    const stderr = capture()
    const stdout = capture()
    expect(await main(['check', 'many', '--fresh', '--json'], { cwd: out, stdout, stderr })).toBe(0)
    expect(timeless(stderr.text()).split('\n').filter(Boolean)).toEqual([
      ...[12, 24, 36, 48, 60, 72, 84, 96, 108, 120].map(
        (done) => `galley: rendered ${done}/120 posts`
      ),
      'galley: checked 120 files in …'
    ])
    expect(JSON.parse(stdout.text())).toEqual([])
    const help = capture()
    expect(await main(['new', '--help'], { cwd: out, stdout: help })).toBe(0)
    expect(help.text()).toMatch(/^Usage: galley new post <title> \[options\]/)
  })

  it('should write a new draft post with valid front matter, never over another', async () => {
    const stdout = capture()
    const io = { cwd: out, stdout, stderr: capture(), now: new Date('2026-11-25T23:30:00Z') }
    expect(await main(['new', 'post', 'Rye & Caraway: Notes'], io)).toBe(0)
    expect(stdout.text()).toBe(
      'galley: wrote `content/rye--caraway-notes.md` (a draft: set `draft: false` to publish it)\n'
    )
    expect(await readFile(path.join(out, 'content/rye--caraway-notes.md'), 'utf8')).toBe(
      '---\ntitle: "Rye & Caraway: Notes"\ntags: [ ]\ndate: "2026-11-25"\ndraft: true\n---\n\n# Rye & Caraway: Notes\n\n'
    )
    const again = capture()
    expect(await main(['new', 'post', 'Rye & Caraway: Notes'], { ...io, stderr: again })).toBe(1)
    expect(again.text()).toBe(
      'galley: `content/rye--caraway-notes.md` already exists; pick another title or edit that file\n'
    )
    // The new post passes `galley check --drafts`.
    expect(await main(['check', '--drafts', '--frail'], { ...io, stdout: capture() })).toBe(0)
    expect(await main(['new', 'page'], { ...io, stderr: capture() })).toBe(1)
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
    expect(flag.stderr).toBe(
      'galley: unknown option `--fast`; run `galley --help` for the options\n'
    )
    const value = await run(['dev', '--port'])
    expect(value).toEqual({
      code: 1,
      stdout: '',
      stderr: 'galley: expected a value after `--port`; run `galley --help` for the options\n'
    })
    expect((await run([])).code).toBe(1)
  })

  it('should print its version with `--version` and `-v`', async () => {
    const manifest = JSON.parse(
      await readFile(new URL('../package.json', import.meta.url), 'utf8')
    ) as { version: string }
    for (const flag of ['--version', '-v']) {
      expect(await run([flag])).toEqual({
        code: 0,
        stdout: `galley ${manifest.version}\n`,
        stderr: ''
      })
    }
  })

  it('should fail, naming the folder, when the content folder is missing or has no Markdown', async () => {
    const stdout = capture()
    const missing = capture()
    expect(await main(['build', 'no/such/folder'], { cwd: out, stdout, stderr: missing })).toBe(1)
    expect(missing.text()).toBe(
      `galley: cannot find the content folder \`no/such/folder\` (${path.join(out, 'no/such/folder')}); check the folder name\n`
    )
    // No config and no `content/`: the default folder is named, with what to do.
    const none = capture()
    expect(await main(['check'], { cwd: out, stdout, stderr: none })).toBe(1)
    expect(none.text()).toBe(
      `galley: cannot find the content folder \`content\` (${path.join(out, 'content')}); write a post there (\`galley new post "Title"\`), set \`contentDir\` in the config, or name the folder: \`galley build <folder>\`\n`
    )
    await mkdir(path.join(out, 'empty'))
    await writeFile(path.join(out, 'empty/notes.txt'), 'not Markdown')
    const empty = capture()
    expect(await main(['build', 'empty'], { cwd: out, stdout, stderr: empty })).toBe(1)
    expect(empty.text()).toBe(
      'galley: no Markdown files (`.md`, `.markdown`) in `empty`; write a post there (`galley new post "Title"`), or name the folder that has them\n'
    )
    // Nothing was written for any of them.
    expect(stdout.text()).toBe('')
    expect(existsSync(path.join(out, 'dist'))).toBe(false)
  })
})
