import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { recoverOutDir } from '@galley/core/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { treeOf } from '../../../test-support/tree.js'

const child = fileURLToPath(new URL('support/write-child.js', import.meta.url))

let root: string

beforeAll(async () => {
  // In memory where there is a tmpfs: renames work as on any disk, and
  // creating files costs a hundredth of what a busy virtual disk takes.
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir()
  root = await mkdtemp(path.join(base, 'galley-kill-'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/**
 * Write version `version` of the site into `out` in a child process; with
 * `killAfter`, kill it (SIGKILL) that many milliseconds after it is ready
 * to write. Resolves with how long the write ran.
 */
function write(out: string, version: string, killAfter?: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const running = spawn(process.execPath, [child, out, path.join(root, 'records.json'), version])
    let started = 0
    let timer: NodeJS.Timeout | undefined
    let errors = ''
    running.stderr.on('data', (chunk: Buffer) => {
      errors += String(chunk)
    })
    running.stdout.on('data', (chunk: Buffer) => {
      if (started || !String(chunk).includes('ready')) return
      started = performance.now()
      if (killAfter !== undefined) {
        timer = setTimeout(() => running.kill('SIGKILL'), killAfter)
      }
    })
    running.on('error', reject)
    running.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (code !== 0 && signal !== 'SIGKILL') reject(new Error(`write failed: ${errors}`))
      else resolve(performance.now() - started)
    })
  })
}

/** Whether a killed write left something for `recoverOutDir` to finish or undo. */
async function pending(out: string): Promise<boolean> {
  const names = await readdir(path.dirname(out))
  const base = path.basename(out)
  const journal = names.some(
    (name) =>
      name.startsWith(`${base}.galley-tmp-`) &&
      existsSync(path.join(path.dirname(out), name, '.galley-journal.json'))
  )
  return (
    journal || (!existsSync(out) && names.some((name) => name.startsWith(`${base}.galley-old-`)))
  )
}

describe('a write killed at any moment', () => {
  it('should leave the old site or the new one, or a commit that recovery finishes', async () => {
    const out = path.join(root, 'dist')
    const trees: Record<string, Record<string, string> | undefined> = {}
    for (const version of ['A', 'B', 'C']) {
      await write(path.join(root, version), version)
      trees[version] = treeOf(path.join(root, version))
    }
    const seen: Record<string, number> = {}
    // B changes a third of the pages (committed in place), C all of them (swapped in).
    for (const version of ['B', 'C']) {
      // How long an incremental write from A takes, unkilled.
      await write(out, 'A')
      const duration = await write(out, version)
      const moments = 10
      for (let index = 0; index < moments; index++) {
        await write(out, 'A')
        expect(treeOf(out)).toEqual(trees.A)
        await write(out, version, (duration * 1.3 * index) / (moments - 1))
        let found = treeOf(out)
        let outcome = found && JSON.stringify(found) === JSON.stringify(trees.A) ? 'old' : 'new'
        if (
          found === undefined ||
          (outcome === 'new' && JSON.stringify(found) !== JSON.stringify(trees[version]))
        ) {
          // Killed inside the commit: what it left is finished or undone.
          expect(await pending(out)).toBe(true)
          await recoverOutDir(out)
          found = treeOf(out)
          outcome =
            JSON.stringify(found) === JSON.stringify(trees.A) ? 'recovered old' : 'recovered new'
        }
        expect([trees.A, trees[version]]).toContainEqual(found)
        seen[`${version} ${outcome}`] = (seen[`${version} ${outcome}`] ?? 0) + 1
      }
      // The kills fell before the commit and after it.
      expect(Object.keys(seen).filter((key) => key.startsWith(version)).length).toBeGreaterThan(1)
    }
    await write(out, 'A')
    expect(treeOf(out)).toEqual(trees.A)
    expect((await readdir(root)).filter((name) => name.startsWith('dist'))).toEqual(['dist'])
  }, 120_000)
})
