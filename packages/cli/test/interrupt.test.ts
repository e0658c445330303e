import { spawn } from 'node:child_process'
import { existsSync, watch } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { recoverOutDir } from '@galley/core/node'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { treeOf } from '../../../test-support/tree.js'

const bin = fileURLToPath(new URL('../bin/galley.js', import.meta.url))
const posts = 200

let site: string

// In memory where there is a tmpfs: a build costs a tenth of what a busy
// virtual disk makes it.
beforeAll(async () => {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
  site = await mkdtemp(path.join(base, 'galley-interrupt-'))
  await mkdir(path.join(site, 'content/posts'), { recursive: true })
  await writeFile(
    path.join(site, 'galley.config.mjs'),
    `export default { site: 'https://interrupt.test/', contentDir: 'content' }\n`
  )
})

afterAll(async () => {
  await rm(site, { recursive: true, force: true })
})

/**
 * The site's three versions: `B` changes the first quarter of the posts
 * (a build commits those in place), `C` every post (a build swaps
 * folders).
 */
const versions = ['A', 'B', 'C'] as const
type Version = (typeof versions)[number]

async function writeVersion(version: Version): Promise<void> {
  for (let index = 1; index <= posts; index++) {
    const changed = version === 'C' || (version === 'B' && index <= posts / 4)
    const day = String((index % 28) + 1).padStart(2, '0')
    await writeFile(
      path.join(site, `content/posts/post-${index}.md`),
      `---\ntitle: Post ${index}\ndate: 2024-01-${day}\ntags: [ t${index % 5} ]\n---\n\n# Part ${index}\n\n${changed ? `Version ${version}` : 'First'} of *this* post, after [the next](./post-${(index % posts) + 1}.md).\n`
    )
  }
}

/** What a build ended with: its exit code or signal, and what it printed. */
interface Ended {
  code: number | null
  signal: NodeJS.Signals | null
  printed: string
}

/**
 * Run `galley build`; with `kill`, send it `signal` `after` milliseconds
 * past the moment it makes its staged folder (`writing`) or past its
 * start (`any`).
 */
function build(
  args: string[] = [],
  kill?: { signal: NodeJS.Signals; phase: 'any' | 'writing'; after: number }
): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const running = spawn(process.execPath, [bin, 'build', ...args], {
      cwd: site,
      env: { ...process.env, NO_COLOR: '1' }
    })
    let printed = ''
    let timer: NodeJS.Timeout | undefined
    const send = () => {
      timer ??= setTimeout(() => running.kill(kill?.signal), kill?.after)
    }
    const watcher =
      kill?.phase === 'writing'
        ? watch(site, (_event, name) => {
            if (String(name).startsWith('dist.galley-tmp-')) send()
          })
        : undefined
    if (kill?.phase === 'any') send()
    running.stdout.on('data', (chunk: Buffer) => {
      printed += String(chunk)
    })
    running.stderr.on('data', (chunk: Buffer) => {
      printed += String(chunk)
    })
    running.on('error', reject)
    running.on('exit', (code, signal) => {
      clearTimeout(timer)
      watcher?.close()
      resolve({ code, signal, printed })
    })
  })
}

/** The folders a build staged beside `dist` that are still there. */
async function leftovers(): Promise<string[]> {
  return (await readdir(site)).filter((name) => name.startsWith('dist.galley-'))
}

describe('a real build interrupted at random moments', () => {
  it('should leave the old complete site or the new one, every time', async () => {
    const trees = new Map<Version, Record<string, string> | undefined>()
    let took = 0
    for (const version of versions) {
      await writeVersion(version)
      const started = performance.now()
      const ended = await build(['--fresh'])
      took = Math.max(took, performance.now() - started)
      expect(ended.code, ended.printed).toBe(0)
      trees.set(version, treeOf(path.join(site, 'dist')))
    }
    const same = (version: Version) => JSON.stringify(trees.get(version))
    // The plan is fixed by its seed: which version next, which signal,
    // when. The moments themselves fall where the machine's speed puts them.
    const plan = fc.sample(
      // Moments spread evenly, not drawn to the ends as fast-check's are by default.
      fc.noBias(
        fc.record({
          step: fc.constantFrom(1, 2),
          signal: fc.constantFrom<NodeJS.Signals>('SIGINT', 'SIGKILL'),
          phase: fc.constantFrom<'any' | 'writing'>('any', 'writing'),
          permille: fc.integer({ min: 0, max: 999 })
        })
      ),
      { seed: 16, numRuns: 24 }
    )
    let current: Version = 'C'
    const seen = new Map<string, number>()
    for (const { step, signal, phase, permille } of plan) {
      const fraction = permille / 1000
      const next = versions[(versions.indexOf(current) + step) % versions.length] as Version
      await writeVersion(next)
      const after = phase === 'writing' ? fraction * 400 : fraction * took * 1.2
      const ended = await build([], { signal, phase, after })
      let found = JSON.stringify(treeOf(path.join(site, 'dist')))
      let outcome = found === same(current) ? 'old' : found === same(next) ? 'new' : 'neither'
      if (signal === 'SIGINT') {
        // Stopped between two steps, the staged folder is gone already;
        // stopped before the build began (the signal ends the process),
        // there was none.
        if (ended.signal === null && ended.code !== 0) {
          expect(ended.code, ended.printed).toBe(130)
          expect(ended.printed).toContain(
            'galley: stopped by SIGINT; `dist` holds the last complete build'
          )
        }
        expect(await leftovers()).toEqual([])
      } else if (outcome === 'neither') {
        // Killed inside a commit's renames: the next command finishes it.
        await recoverOutDir(path.join(site, 'dist'))
        found = JSON.stringify(treeOf(path.join(site, 'dist')))
        outcome = found === same(current) ? 'recovered old' : 'recovered new'
      }
      expect([same(current), same(next)], `${signal} ${phase} ${after} ms`).toContain(found)
      seen.set(`${signal} ${outcome}`, (seen.get(`${signal} ${outcome}`) ?? 0) + 1)
      // The build after the kill makes the new site, byte for byte as a
      // fresh one, and removes whatever the killed one left.
      const again = await build()
      expect(again.code, again.printed).toBe(0)
      expect(JSON.stringify(treeOf(path.join(site, 'dist')))).toBe(same(next))
      expect(await leftovers()).toEqual([])
      current = next
    }
    // Each signal fell before a commit and after one.
    for (const signal of ['SIGINT', 'SIGKILL']) {
      expect(
        [...seen.keys()].filter((key) => key.startsWith(signal)).length,
        [...seen].join()
      ).toBeGreaterThan(1)
    }
  }, 240_000)
})
