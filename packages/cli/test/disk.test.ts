import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { runNode } from '../../../test-support/project.js'
import { treeOf } from '../../../test-support/tree.js'

// A full and a read-only output disk: a small tmpfs mounted inside the
// site. Mounting needs root and CAP_SYS_ADMIN: where this machine has
// neither, these are skipped, saying so.

const bin = fileURLToPath(new URL('../bin/galley.js', import.meta.url))
// Decided as the file loads: which tests run depends on it.
const site = mkdtempSync(path.join(tmpdir(), 'galley-disk-'))
const disk = path.join(site, 'disk')
mkdirSync(disk)
const mountable = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'none', disk]).status === 0

afterAll(async () => {
  if (mountable) spawnSync('umount', [disk])
  await rm(site, { recursive: true, force: true })
})

const post = (name: string, body: string) =>
  writeFile(
    path.join(site, 'content/posts', `${name}.md`),
    `---\ntitle: ${name}\ndate: 2024-01-01\n---\n\n${body}\n`
  )

const build = () => runNode([bin, 'build', '--out', 'disk/dist'], site)

describe('a full or read-only output disk', () => {
  it.runIf(!mountable)(
    'is skipped: this machine cannot mount (run as root with CAP_SYS_ADMIN)',
    () => {
      expect(mountable).toBe(false)
    }
  )

  it.skipIf(!mountable)(
    'should say what is wrong, keep the last site and leave nothing staged',
    { timeout: 60_000 },
    async () => {
      mkdirSync(path.join(site, 'content/posts'), { recursive: true })
      for (const name of ['a', 'b', 'c']) await post(name, `The post ${name}.`)
      expect((await build()).code).toBe(0)
      const last = treeOf(path.join(disk, 'dist'))
      // Two megabytes of prose: its page and feeds do not fit in one.
      await post('big', 'Words and more words. '.repeat(100_000))
      const full = await build()
      expect(full.code).toBe(1)
      expect(full.printed).toMatch(
        /^galley: cannot write the site into `disk\/dist`: the disk is full \(ENOSPC(, at `[^`]+`)?\); `disk\/dist` holds the last complete build; free some space and build again$/m
      )
      expect(treeOf(path.join(disk, 'dist'))).toEqual(last)
      expect(await readdir(disk)).toEqual(['dist'])

      await rm(path.join(site, 'content/posts/big.md'))
      await post('a', 'The post a, changed.')
      expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0)
      const readOnly = await build()
      expect(readOnly.code).toBe(1)
      expect(readOnly.printed).toMatch(
        /^galley: cannot write the site into `disk\/dist`: the disk is read-only \(EROFS(, at `[^`]+`)?\); `disk\/dist` holds the last complete build; build into a folder on a disk that can be written \(`--out`\)$/m
      )
      expect(treeOf(path.join(disk, 'dist'))).toEqual(last)

      // Writable again, the build goes on as if nothing had happened.
      expect(spawnSync('mount', ['-o', 'remount,rw', disk]).status).toBe(0)
      expect((await build()).code).toBe(0)
      expect(treeOf(path.join(disk, 'dist'))?.['posts/a/index.html']).toContain('changed')
      expect(await readdir(disk)).toEqual(['dist'])
    }
  )
})
