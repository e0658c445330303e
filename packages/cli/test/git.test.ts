import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { main } from '@galley/cli'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { treeOf } from '../../../test-support/tree.js'
import { capture } from './streams.js'

let dir: string

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'galley-git-'))
})

afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Run git in `cwd`, with fixed names and the author date given. */
function git(cwd: string, args: string[], date = '2020-01-01T12:00:00Z') {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Ann',
      GIT_AUTHOR_EMAIL: 'ann@example.com',
      GIT_COMMITTER_NAME: 'Ann',
      GIT_COMMITTER_EMAIL: 'ann@example.com',
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_DATE: date,
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: cwd
    }
  })
}

async function write(root: string, entries: Record<string, string>) {
  for (const [name, text] of Object.entries(entries)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true })
    await writeFile(path.join(root, name), text)
  }
}

async function run(cwd: string, argv: string[]) {
  const stdout = capture()
  const stderr = capture()
  const code = await main(argv, { cwd, stdout, stderr })
  return { code, stdout: stdout.text(), stderr: stderr.text().replace(/ {2,}/g, ' ') }
}

/** Every file of a built site but its manifest (which records when it was written). */
function tree(root: string): Record<string, string> {
  const { '.galley-manifest.json': _, ...files } = treeOf(root) ?? {}
  return files
}

const site = {
  'galley.config.mjs':
    "export default { site: 'https://b.test/', title: 'Notes', contentDir: 'content', gitDates: true }\n",
  'content/a.md': '---\ntitle: A\ndate: 2019-06-01\n---\n\nFirst words.\n',
  'content/b.md': '---\ntitle: B\ndate: 2019-06-02\nlastmod: 2019-07-01\n---\n\nIts own date.\n',
  'content/pages/c.md': '---\ntitle: C\n---\n\nNo date at all.\n'
}

describe('dates from git (`gitDates`)', () => {
  it('should date what the front matter leaves out by git’s history, and follow new commits as a fresh build does', async () => {
    await write(dir, site)
    git(dir, ['init', '-q'])
    git(dir, ['add', '.'])
    git(dir, ['commit', '-qm', 'first'], '2020-01-01T12:00:00Z')
    const first = await run(dir, ['build'])
    expect(first.stderr).toBe('')
    const sitemap = await readFile(path.join(dir, 'dist/sitemap.xml'), 'utf8')
    // `a` has no `updated`: its last commit; `b` has its own; `c` has its
    // first commit as its date.
    expect(sitemap).toContain(
      '<loc>https://b.test/posts/a/</loc><lastmod>2020-01-01T12:00:00Z</lastmod>'
    )
    expect(sitemap).toContain('<loc>https://b.test/posts/b/</loc><lastmod>2019-07-01</lastmod>')
    expect(sitemap).toContain(
      '<loc>https://b.test/posts/c/</loc><lastmod>2020-01-01T12:00:00Z</lastmod>'
    )
    const page = await readFile(path.join(dir, 'dist/posts/a/index.html'), 'utf8')
    expect(page).toContain('"dateModified":"2020-01-01T12:00:00.000Z"')
    expect(await readFile(path.join(dir, 'dist/atom.xml'), 'utf8')).toContain(
      '<published>2019-06-01T00:00:00Z</published><updated>2020-01-01T12:00:00Z</updated>'
    )
    // A later commit of `a`: the next build dates it anew, as a fresh one would.
    await writeFile(
      path.join(dir, 'content/a.md'),
      '---\ntitle: A\ndate: 2019-06-01\n---\n\nMore words.\n'
    )
    git(dir, ['commit', '-qam', 'second'], '2021-03-04T05:06:07Z')
    expect((await run(dir, ['build'])).code).toBe(0)
    const incremental = tree(path.join(dir, 'dist'))
    expect(incremental['posts/a/index.html']).toContain('"dateModified":"2021-03-04T05:06:07.000Z"')
    expect(incremental['sitemap.xml']).toContain(
      '<loc>https://b.test/posts/c/</loc><lastmod>2020-01-01T12:00:00Z</lastmod>'
    )
    // An empty commit dates no file anew; a third commit of `a` does.
    git(dir, ['commit', '-q', '--allow-empty', '-m', 'nothing'], '2022-01-01T00:00:00Z')
    await writeFile(
      path.join(dir, 'content/a.md'),
      '---\ntitle: A\ndate: 2019-06-01\n---\n\nMore words!\n'
    )
    git(dir, ['commit', '-qam', 'third'], '2022-02-02T00:00:00Z')
    await run(dir, ['build'])
    const again = tree(path.join(dir, 'dist'))
    expect((await run(dir, ['build', '--fresh', '--out', 'fresh'])).code).toBe(0)
    expect(again).toEqual(tree(path.join(dir, 'fresh')))
    expect(again['posts/a/index.html']).toContain('"dateModified":"2022-02-02T00:00:00.000Z"')
  })

  it('should warn once that a shallow clone’s dates would be wrong, and use none', async () => {
    const origin = path.join(dir, 'origin')
    // No page without a date of its own: none comes from git here.
    const { 'content/pages/c.md': _, ...dated } = site
    await write(origin, dated)
    git(origin, ['init', '-q'])
    git(origin, ['add', '.'])
    git(origin, ['commit', '-qm', 'first'], '2020-01-01T12:00:00Z')
    await writeFile(
      path.join(origin, 'content/a.md'),
      '---\ntitle: A\ndate: 2019-06-01\n---\n\nMore.\n'
    )
    git(origin, ['commit', '-qam', 'second'], '2021-01-01T12:00:00Z')
    const clone = path.join(dir, 'clone')
    git(dir, ['clone', '-q', '--depth', '1', `file://${origin}`, clone])
    const built = await run(clone, ['build'])
    expect(built.code).toBe(0)
    expect(built.stderr).toBe(
      'content\n warning Unexpected shallow clone: git knows only its last commits, so dates from git would be wrong; fetch the whole history (`git fetch --unshallow`, or `fetch-depth: 0` in CI), or turn `gitDates` off git-shallow @galley/core\n\n⚠ 1 warning\n'
    )
    const sitemap = await readFile(path.join(clone, 'dist/sitemap.xml'), 'utf8')
    expect(sitemap).toContain('<loc>https://b.test/posts/a/</loc><lastmod>2019-06-01</lastmod>')
  })

  it('should warn outside a git repository', async () => {
    await write(dir, site)
    const built = await run(dir, ['check'])
    expect(built.stderr).toContain('git-missing')
    expect(built.stderr).toContain('Cannot read dates from git')
  })
})
