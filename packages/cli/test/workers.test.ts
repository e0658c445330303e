import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { main } from '@galley/cli'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readFolder } from './folder.js'
import { capture } from './streams.js'

const bin = fileURLToPath(new URL('../bin/galley.js', import.meta.url))

let site: string

// Thirty posts and a page: headings, code, `.md` links between posts, a
// broken anchor (a warning), an unknown key (a warning) and a bad date (an
// error), so the messages a worker returns are compared too.
beforeAll(async () => {
  site = await mkdtemp(path.join(tmpdir(), 'galley-workers-'))
  await mkdir(path.join(site, 'content/posts'), { recursive: true })
  await mkdir(path.join(site, 'content/pages'), { recursive: true })
  await writeFile(
    path.join(site, 'galley.config.mjs'),
    `export default {
  site: 'https://workers.test/',
  contentDir: 'content',
  collections: { pages: { glob: 'pages/*.md', permalink: '/:slug/' } },
  markdown: { smartypants: true }
}\n`
  )
  for (let index = 1; index <= 30; index++) {
    const day = String((index % 28) + 1).padStart(2, '0')
    const extra = index === 7 ? 'colour: red\n' : ''
    const link = index > 1 ? `[before](./post-${index - 1}.md#part-${index - 1})` : ''
    const broken = index === 12 ? ' [gone](./post-3.md#nowhere)' : ''
    await writeFile(
      path.join(site, `content/posts/post-${index}.md`),
      `---\ntitle: "Post ${index}: \\"quoted\\""\ndate: 2024-${index > 28 ? '02' : '01'}-${day}\ntags: [ t${index % 3} ]\n${extra}---\n\n# Part ${index}\n\nSome *text* -- with ${link}${broken}.\n\n\`\`\`js\nconst n = ${index}\n\`\`\`\n`
    )
  }
  await writeFile(
    path.join(site, 'content/pages/about.md'),
    '---\ntitle: About\n---\n\nSee [the first post](../posts/post-1.md).\n'
  )
})

afterAll(async () => {
  await rm(site, { recursive: true, force: true })
})

async function run(argv: string[]) {
  const stdout = capture()
  const stderr = capture()
  const code = await main(argv, { cwd: site, stdout, stderr })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

describe('worker threads', () => {
  it('should report the same messages with workers as on the main thread', async () => {
    const bad = path.join(site, 'content/posts/post-30.md')
    const good = await readFile(bad, 'utf8')
    await writeFile(bad, good.replace(/date: .*/, 'date: someday'))
    try {
      const single = await run(['check', '--fresh', '--workers', '1'])
      const pooled = await run(['check', '--fresh', '--workers', '3'])
      expect(single.code).toBe(1)
      expect(single.stderr).toContain('post-30.md')
      expect(single.stderr).toContain('unknown-key')
      expect(single.stderr).toContain('missing-anchor')
      expect(pooled).toEqual(single)
    } finally {
      await writeFile(bad, good)
    }
  })

  it('should write byte-identical sites with workers and without', async () => {
    const one = path.join(site, 'one')
    const three = path.join(site, 'three')
    const single = await run(['build', '--fresh', '--workers', '1', '--out', one])
    const pooled = await run(['build', '--fresh', '--workers', '3', '--out', three])
    expect(single.code).toBe(0)
    // The same report and the same summary, but for the time taken.
    const timeless = (text: string) => text.replace(/ in \d+(?:\.\d)? m?s:/, ' in …:')
    expect({ ...pooled, stdout: timeless(pooled.stdout) }).toEqual({
      ...single,
      stdout: timeless(single.stdout).replace('one', 'three')
    })
    const written = await readFolder(one)
    // Rendered HTML went through the workers: the feed carries it.
    expect(written['rss.xml']).toContain('href="https://workers.test/posts/post-29/#part-29"')
    expect(written['rss.xml']).toContain('&#x3C;code class="language-js">const n = 30')
    expect(await readFolder(three)).toEqual(written)
  })

  it('should start its workers when Node runs with a flag workers refuse', async () => {
    const out = path.join(site, 'flagged')
    // `--max-semi-space-size` is a V8 flag: a worker thread given it does not start.
    const child = spawnSync(
      process.execPath,
      ['--max-semi-space-size=16', bin, 'build', '--fresh', '--workers', '2', '--out', out],
      { cwd: site, encoding: 'utf8' }
    )
    expect(child.stderr).not.toContain('execArgv')
    expect(child.status).toBe(0)
    // With the default theme: 30 posts, the About page, the home page, 404,
    // the tags' index, 3 tag pages and their 9 feeds, the archive, 3 feeds,
    // the sitemap and robots.txt.
    expect(child.stdout).toContain('wrote 52 files to')
    // Rendered in the workers: the feed carries the HTML.
    expect(await readFile(path.join(out, 'rss.xml'), 'utf8')).toContain(
      '&#x3C;code class="language-js">const n = 30'
    )
  })

  it('should refuse a `--workers` that is not a whole number from 1', async () => {
    expect(await run(['check', '--workers', '0'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'galley: expected `--workers` to be a whole number from 1, not `0`\n'
    })
  })
})

/**
 * A site whose plugin never settles on `hang.md` and exits its thread on
 * `exit.md`, with the posts named (`name` → front matter lines after the
 * title and date).
 */
async function faultySite(posts: Record<string, string>): Promise<string> {
  const faulty = await mkdtemp(path.join(tmpdir(), 'galley-workers-faults-'))
  await mkdir(path.join(faulty, 'content'))
  await writeFile(
    path.join(faulty, 'galley.config.mjs'),
    `export default {
  site: 'https://faults.test/',
  markdown: {
    remarkPlugins: [
      () => (tree, file) => {
        if (file.path.endsWith('hang.md')) return new Promise(() => {})
        if (file.path.endsWith('exit.md')) process.exit(1)
      }
    ]
  }
}\n`
  )
  for (const [name, extra] of Object.entries(posts)) {
    await writeFile(
      path.join(faulty, `content/${name}.md`),
      `---\ntitle: ${name}\ndate: 2024-01-01\n${extra}---\n\nBody.\n`
    )
  }
  return faulty
}

/** Run the command in `cwd`, giving its exit code and standard error. */
async function runIn(cwd: string, argv: string[]) {
  const stderr = capture()
  const code = await main(argv, { cwd, stdout: capture(), stderr })
  return { code, stderr: stderr.text() }
}

describe('workers that never finish or exit', () => {
  it('should stop the worker, report the file and check the rest', {
    timeout: 30_000
  }, async () => {
    const faulty = await faultySite({
      good: 'tags: [ ok ]\n',
      hang: 'tags: [ ok ]\n',
      exit: 'tags: [ ok ]\n',
      late: 'tags: [ "bad tag" ]\n'
    })
    try {
      await writeFile(path.join(faulty, 'content/bad.md'), '---\ntitle: Bad\ndate: nope\n---\n')
      const { code, stderr } = await runIn(faulty, [
        'check',
        '--fresh',
        '--workers',
        '2',
        '--render-timeout',
        '1'
      ])
      expect(code).toBe(1)
      // Every file reported: the two the workers gave up on, and the bad date.
      expect(stderr.split('\n').filter((line) => /^content\//.test(line))).toEqual([
        'content/bad.md',
        'content/exit.md',
        'content/hang.md'
      ])
      expect(stderr).toContain('Cannot render this document: it took longer than 1 s in a worker')
      expect(stderr).toContain('Unexpected `date` value `nope`')
    } finally {
      await rm(faulty, { recursive: true, force: true })
    }
  })

  it('should leave a render that never finishes behind on the main thread too, and report it', {
    timeout: 30_000
  }, async () => {
    const faulty = await faultySite({ good: '', hang: '' })
    try {
      const { code, stderr } = await runIn(faulty, [
        'build',
        '--fresh',
        '--workers',
        '1',
        '--render-timeout',
        '0.5'
      ])
      expect(code).toBe(1)
      expect(stderr).toContain(
        '1:1  error  Cannot render this document: it took longer than 0.5 s (a plugin that never finishes?); the build went on without it  render-error  @galley/core'
      )
      expect(stderr.split('\n').filter((line) => /^content\//.test(line))).toEqual([
        'content/hang.md'
      ])
    } finally {
      await rm(faulty, { recursive: true, force: true })
    }
  })
})
