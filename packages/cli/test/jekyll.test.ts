import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { main } from '@galley/cli'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { htmlPagesOf } from '../../../test-support/tree.js'
import { png } from '../../images/test/fixtures.js'
import { jekyllSite } from '../src/jekyll.js'
import { capture } from './streams.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'galley-jekyll-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Write files under `dir`: path → text. */
async function files(entries: Record<string, string | Uint8Array>) {
  for (const [name, text] of Object.entries(entries)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true })
    await writeFile(path.join(dir, name), text)
  }
}

async function run(argv: string[]) {
  const stdout = capture()
  const stderr = capture()
  const code = await main(argv, { cwd: dir, stdout, stderr })
  return { code, stdout: stdout.text(), stderr: stderr.text().replace(/ {2,}/g, ' ') }
}

/** A Jekyll site as `jekyll new` lays it out, with what writers add. */
// A real image: Galley reads its size.
const mapPng = await png(40, 20)

const site = {
  '_config.yml':
    'title: Field notes\ndescription: Notes from the field.\nurl: "https://notes.example"\nbaseurl: ""\ntimezone: Europe/Berlin\nexclude:\n  - notes-todo.md\n',
  '_posts/2018-04-23-first-steps.markdown':
    '---\nlayout: post\ntitle: "First steps"\ndate: 2018-04-23 10:00:00 +0200\ncategories: travel gear\n---\nSee [the next one]({% post_url 2019-01-05-second %}) and [about]({{ site.baseurl }}/about/).\n\n{% highlight ruby %}\n# not a heading\n{% endhighlight %}\n',
  '_posts/2019-01-05-second.md':
    '---\ntitle: Second\ntags: boots maps\npermalink: /second-trip/\n---\nBack to [the first]({% link _posts/2018-04-23-first-steps.markdown %}) and [its file](2018-04-23-first-steps.markdown).\n',
  'blog/_posts/2020-02-02-nested.md':
    '---\ntitle: Nested\npublished: true\n---\nIn a folder.\n\n![The map](/assets/img/map.png)\n',
  '_drafts/unfinished.md': '---\ntitle: Not yet\n---\n',
  '_layouts/default.html': '<html>{{ content }}</html>',
  'about.markdown': '---\nlayout: page\ntitle: About\npermalink: /about/\n---\nAbout us.\n',
  'contact.md': '---\ntitle: Contact\n---\nWrite to us.\n',
  'index.markdown': '---\nlayout: home\n---\n',
  'README.md': '# The repository\n',
  'assets/img/map.png': mapPng,
  'assets/main.scss': '---\n---\n@import "minima";\n',
  '404.html': '---\nlayout: default\n---\n<h1>Lost</h1>\n',
  Gemfile: 'source "https://rubygems.org"\n',
  'notes-todo.md': '# Not a page\n',
  'vendor/bundle/gem/README.md': '# A gem\n'
}

describe('a Jekyll site without a config', () => {
  it('should build its posts at Jekyll’s URLs, its pages, and read its links, with no warning', async () => {
    await files(site)
    const built = await run(['build'])
    expect(built).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        /^galley: built \d+ pages in \d+(?:\.\d)? m?s: \d+ rendered; 1 image read; wrote 32 files to `dist`\n$/
      ),
      stderr: ''
    })
    const dist = path.join(dir, 'dist')
    const pages = htmlPagesOf(dist)
    expect(pages).toEqual([
      '404.html',
      'about/index.html',
      'archive/index.html',
      // Jekyll's default `date` permalinks: categories (and the folder above
      // `_posts`), the date in the site's time zone, the name's slug.
      'blog/2020/02/02/nested.html',
      'categories/gear/index.html',
      'categories/index.html',
      'categories/travel/index.html',
      'contact.html',
      'index.html',
      'second-trip/index.html',
      'tags/boots/index.html',
      'tags/index.html',
      'tags/maps/index.html',
      'travel/gear/2018/04/23/first-steps.html'
    ])
    const first = await readFile(path.join(dist, 'travel/gear/2018/04/23/first-steps.html'), 'utf8')
    expect(first).toContain(
      '<p>See <a href="/second-trip/">the next one</a> and <a href="/about/">about</a>.</p>'
    )
    expect(first).toContain('<pre><code class="language-ruby"># not a heading\n</code></pre>')
    expect(first).toContain('<title>First steps · Field notes</title>')
    expect(first).toContain('"datePublished":"2018-04-23T08:00:00.000Z"')
    const second = await readFile(path.join(dist, 'second-trip/index.html'), 'utf8')
    expect(second).toContain(
      'Back to <a href="/travel/gear/2018/04/23/first-steps.html">the first</a> and <a href="/travel/gear/2018/04/23/first-steps.html">its file</a>.'
    )
    expect(second).toContain('<a href="/tags/boots/" rel="tag">#boots</a>')
    // Its static files are copied as they are; templates, sources and the Gemfile are not.
    expect(await readFile(path.join(dist, 'assets/img/map.png'))).toEqual(Buffer.from(mapPng))
    const all = (await readdir(dist, { recursive: true })).map((name) => String(name))
    expect(all.filter((name) => /scss|Gemfile|\.md|markdown|_posts|vendor/.test(name))).toEqual([])
    expect(await readFile(path.join(dist, '404.html'), 'utf8')).toContain('Page not found')
    // Midnight in Berlin, to the second: never a day off in the sitemap.
    expect(await readFile(path.join(dist, 'sitemap.xml'), 'utf8')).toContain(
      '<loc>https://notes.example/blog/2020/02/02/nested.html</loc><lastmod>2020-02-01T23:00:00Z</lastmod>'
    )
    // The output folder inside the site's folder is not read as content.
    expect((await run(['build'])).stdout).toMatch(
      /^galley: `dist` is up to date: 32 files \(3 posts\), in \d+(?:\.\d)? m?s\n$/
    )
  })

  it('should warn at a Liquid tag it does not read, and name a post_url that names no post', async () => {
    await files({
      '_config.yml': 'title: T\n',
      '_posts/2020-01-01-a.md':
        '---\ntitle: A\n---\n{% include note.html %}\n\nSee [b]({% post_url 2020-01-02-b %}).\n'
    })
    const checked = await run(['check'])
    expect(checked.code).toBe(0)
    expect(checked.stderr).toBe(
      '_posts/2020-01-01-a.md\n 4:1 warning Unexpected Jekyll tag `include`: Galley reads `post_url` and `link` in links and `highlight` around code, and leaves others as text; write it as Markdown or HTML unknown-shortcode @galley/markdown\n 6:5 warning Cannot find `/_posts/2020-01-02-b.md`, linked as `/_posts/2020-01-02-b.md`; fix the path, or add the file missing-file @galley/links\n\n⚠ 2 warnings\n'
    )
  })
})

describe('jekyllSite', () => {
  it('should read the address, time zone, page size, permalink style and exclusions of _config.yml', async () => {
    await files({
      '_config.yml':
        'title: " Notes "\nurl: https://me.example\nbaseurl: /blog\ntimezone: America/New_York\npaginate: 5\npermalink: pretty\nlang: de\nexclude: [ drafts/, 3 ]\n'
    })
    expect(jekyllSite(dir)).toEqual({
      settings: {
        site: 'https://me.example/blog/',
        title: 'Notes',
        language: 'de',
        timeZone: 'America/New_York',
        paginate: 5
      },
      permalink: '/:categories/:year/:month/:day/:title/',
      pretty: true,
      exclude: ['drafts/']
    })
  })

  it('should give nothing without _config.yml, and keep defaults for values of the wrong type', async () => {
    expect(jekyllSite(dir)).toBe(undefined)
    await files({ '_config.yml': 'url: not a url\ntimezone: Mars/Base\npaginate: -1\n' })
    expect(jekyllSite(dir)).toEqual({
      settings: {},
      permalink: '/:categories/:year/:month/:day/:title:output_ext',
      pretty: false,
      exclude: []
    })
  })
})
