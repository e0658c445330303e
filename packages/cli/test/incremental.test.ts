import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { deserialize } from 'node:v8'
import { main } from '@galley/cli'
import { recoverOutDir } from '@galley/core/node'
import { afterEach, beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { treeOf } from '../../../test-support/tree.js'
import { capture } from './streams.js'

const layouts = fileURLToPath(new URL('fixtures/site/layouts.mjs', import.meta.url))
const bin = fileURLToPath(new URL('../bin/galley.js', import.meta.url))
let root: string

beforeEach(async () => {
  // A tmpfs where there is one: a busy virtual disk makes every file cost milliseconds.
  root = await mkdtemp(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'galley-inc-'))
  await mkdir(path.join(root, 'content'))
  await writeFile(
    path.join(root, 'galley.config.mjs'),
    `import { layouts } from ${JSON.stringify(pathToFileURL(layouts).href)}\nexport default { site: 'https://inc.test/', title: 'Inc', layouts }\n`
  )
  for (let index = 1; index <= 30; index++) await writePost(index, `Body ${index}.`)
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

function writePost(index: number, body: string, title = `Post ${index}`) {
  const day = String((index % 28) + 1).padStart(2, '0')
  return writeFile(
    path.join(root, 'content', `p${index}.md`),
    `---\ntitle: ${title}\ndate: 2021-03-${day}\ntags: [ t${index % 3} ]\n---\n\n${body}\n`
  )
}

async function build(...flags: string[]) {
  return buildAt(new Date('2021-06-01T00:00:00Z'), ...flags)
}

async function buildAt(now: Date, ...flags: string[]) {
  const stdout = capture()
  const stderr = capture()
  const code = await main(['build', '--workers', '1', ...flags], {
    cwd: root,
    stdout,
    stderr,
    now
  })
  return { code, stdout: stdout.text(), stderr: stderr.text() }
}

describe('galley build after the first', () => {
  it('should write only what changed, and say so', async () => {
    expect(await build()).toMatchObject({ code: 0, stdout: /^galley: wrote \d+ files to `dist`/ })
    const all = Object.keys(treeOf(path.join(root, 'dist')) ?? {}).length - 1
    expect(await build()).toEqual({
      code: 0,
      stdout: expect.stringMatching(
        new RegExp(
          `^galley: \`dist\` is up to date: ${all} files \\(30 posts\\), in \\d+(?:\\.\\d)? m?s\n$`
        )
      ),
      stderr: ''
    })
    // A body: its page, and the feeds of its tag (the site's feeds carry
    // only the 20 newest posts, and this one is older).
    await writePost(7, 'A new body.')
    const edited = await build()
    expect(edited.stdout).toMatch(
      new RegExp(
        `^galley: built 30 pages in \\d+(?:\\.\\d)? m?s: 1 rendered, 29 unchanged; wrote 4 files to \`dist\`, kept ${all - 4}\n$`
      )
    )
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json']) {
      expect(readFileSync(path.join(root, 'dist/tags/t1', feed), 'utf8')).toContain('A new body.')
    }
    // A deleted post: its page is removed; the lists and feeds change.
    await rm(path.join(root, 'content/p30.md'))
    expect((await build()).stdout).toMatch(
      /^galley: built 29 pages in \d+(?:\.\d)? m?s: [^;]+; wrote \d+ files to `dist`, kept \d+, removed 1\n$/
    )
    const incremental = treeOf(path.join(root, 'dist'))
    expect(await build('--fresh')).toMatchObject({ code: 0 })
    expect(treeOf(path.join(root, 'dist'))).toEqual(incremental)
  })
})

describe('galley build with nothing to do', () => {
  it('should resume from the last build after each edit and give what a fresh build gives', async () => {
    const fresh = async () => {
      expect((await build('--fresh', '--out', 'fresh')).code).toBe(0)
      const tree = treeOf(path.join(root, 'fresh'))
      await rm(path.join(root, 'fresh'), { recursive: true })
      return tree
    }
    // Each build a while after the last, as a writer's are: the loader
    // then knows unchanged files by their stats and reads only the others.
    const real = Date.now()
    let ticks = 0
    vi.useFakeTimers({ toFake: ['Date'] })
    onTestFinished(() => {
      vi.useRealTimers()
    })
    const later = () => vi.setSystemTime(real + ++ticks * 10_000)
    later()
    expect((await build()).code).toBe(0)
    expect(existsSync(path.join(root, '.cache/galley/snapshots/dist.bin'))).toBe(true)
    const edits: Array<() => Promise<unknown>> = [
      // A body, a title (its neighbours and the lists name it), tags, a draft, a link.
      () => writePost(7, 'A new body.'),
      () => writePost(8, 'Body 8.', 'Renamed eight'),
      () =>
        writeFile(
          path.join(root, 'content/p9.md'),
          '---\ntitle: Post 9\ndate: 2021-03-10\ntags: [ t0, new ]\n---\n\nBody 9.\n'
        ),
      () =>
        writeFile(
          path.join(root, 'content/p10.md'),
          '---\ntitle: Post 10\ndate: 2021-03-11\ndraft: true\n---\n\nBody 10.\n'
        ),
      () => writePost(11, 'See [seven](/posts/p7/#nowhere).'),
      () => writePost(7, 'Another body.')
    ]
    for (const edit of edits) {
      await edit()
      later()
      const built = await build()
      expect(built.code).toBe(0)
      const report = built.stderr
      expect(treeOf(path.join(root, 'dist'))).toEqual(await fresh())
      // The same messages as a fresh build's.
      expect((await build('--fresh', '--out', 'fresh')).stderr).toBe(report)
      await rm(path.join(root, 'fresh'), { recursive: true })
    }
    expect(readFileSync(path.join(root, 'dist/posts/p11/index.html'), 'utf8')).toContain('seven')
    // Every file known by its stats, for the next build.
    const known = deserialize(readFileSync(path.join(root, '.cache/galley/content.bin')))
    expect(known.paths).toHaveLength(30)
  })

  it('should give the same report again, and fail again with --frail', async () => {
    await writeFile(
      path.join(root, 'content/p5.md'),
      '---\ntitle: Post 5\ndate: 2021-03-06\ncolour: blue\n---\n\nBody 5.\n'
    )
    const first = await build()
    expect(first.code).toBe(0)
    expect(first.stderr).toContain('Unexpected unknown key `colour`')
    const again = await build()
    expect(again.stdout).toMatch(/is up to date/)
    expect(again.stderr).toBe(first.stderr)
    const frail = await build('--frail')
    expect(frail.code).toBe(1)
    expect(frail.stderr).toContain('content/p5.md:4:1')
  })

  it('should build again once the clock reaches a scheduled post', async () => {
    await writeFile(
      path.join(root, 'content/p5.md'),
      '---\ntitle: Later\ndate: 2021-03-06\npublishDate: 2021-07-01\n---\n\nBody 5.\n'
    )
    expect((await buildAt(new Date('2021-06-01T00:00:00Z'))).stdout).toMatch(/built 29 pages/)
    expect((await buildAt(new Date('2021-06-30T00:00:00Z'))).stdout).toMatch(/is up to date/)
    const published = await buildAt(new Date('2021-07-02T00:00:00Z'))
    expect(published.stdout).toMatch(/^galley: built 30 pages in [^;]+; wrote .*\n$/)
    expect(existsSync(path.join(root, 'dist/posts/p5/index.html'))).toBe(true)
  })

  it('should build again when a value of the config changes, or a file of the site was edited', async () => {
    await writeFile(
      path.join(root, 'galley.config.mjs'),
      `import { layouts } from ${JSON.stringify(pathToFileURL(layouts).href)}\nexport default { site: 'https://inc.test/', title: process.env.GALLEY_TEST_TITLE, layouts }\n`
    )
    // In a process of its own each time, as a shell runs it (in this one, the
    // config module would be evaluated once).
    const run = (title: string) =>
      new Promise<string>((resolve, reject) => {
        let stdout = ''
        const child = spawn(process.execPath, [bin, 'build', '--workers', '1'], {
          cwd: root,
          env: { ...process.env, GALLEY_TEST_TITLE: title }
        })
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += String(chunk)
        })
        child.on('error', reject)
        child.on('exit', () => resolve(stdout))
      })
    await run('One')
    expect(await run('One')).toMatch(/is up to date/)
    expect(await run('Two')).toMatch(/^galley: built \d+ pages? in [^;]+; wrote /)
    expect(readFileSync(path.join(root, 'dist/index.html'), 'utf8')).toContain('Two')
    await run('One')
    await writeFile(path.join(root, 'dist/index.html'), 'edited by hand')
    expect(await run('One')).toMatch(/^galley: built \d+ pages? in [^;]+; wrote 1 file to `dist`/)
    expect(readFileSync(path.join(root, 'dist/index.html'), 'utf8')).toContain('<title>')
  })
})

/** Run `galley build` in a child process; kill it (SIGKILL) `killAfter` ms after it starts. */
function spawnBuild(killAfter?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now()
    const running = spawn(process.execPath, [bin, 'build', '--workers', '1'], { cwd: root })
    let errors = ''
    running.stderr.on('data', (chunk: Buffer) => {
      errors += String(chunk)
    })
    const timer =
      killAfter === undefined ? undefined : setTimeout(() => running.kill('SIGKILL'), killAfter)
    running.on('error', reject)
    running.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`build failed: ${errors}`))
      else resolve(performance.now() - started)
    })
  })
}

describe('galley build killed at any moment', () => {
  it('should leave the old site or the new one, and the next build right', async () => {
    const out = path.join(root, 'dist')
    await spawnBuild()
    const old = treeOf(out)
    // The change every killed build makes: three bodies, a title, a new post.
    const change = async (on: boolean) => {
      await writePost(3, on ? 'Changed three.' : 'Body 3.')
      await writePost(11, on ? 'Changed eleven.' : 'Body 11.')
      await writePost(12, 'Body 12.', on ? 'Renamed' : 'Post 12')
      if (on) await writePost(31, 'A new one.')
      else await rm(path.join(root, 'content/p31.md'), { force: true })
    }
    await change(true)
    const duration = await spawnBuild()
    const next = treeOf(out)
    expect(next).not.toEqual(old)
    const outcomes = new Set<string>()
    const moments = 8
    for (let index = 0; index < moments; index++) {
      await change(false)
      await spawnBuild()
      expect(treeOf(out)).toEqual(old)
      await change(true)
      await spawnBuild((duration * 1.6 * index) / (moments - 1))
      let found = treeOf(out)
      if (found === undefined || (!equal(found, old) && !equal(found, next))) {
        // Killed inside the commit: what it left is finished or undone.
        await recoverOutDir(out)
        found = treeOf(out)
        outcomes.add('recovered')
      }
      expect([old, next]).toContainEqual(found)
      outcomes.add(equal(found, old) ? 'old' : 'new')
      // Whatever the kill left in the caches, the next build is right.
      await spawnBuild()
      expect(treeOf(out)).toEqual(next)
    }
    expect(outcomes).toContain('old')
    expect(outcomes).toContain('new')
    expect((await readdir(root)).filter((name) => name.startsWith('dist'))).toEqual(['dist'])
  }, 120_000)
})

function equal(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
