import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync } from 'node:fs'
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { recoverOutDir, writeSite } from '@galley/core/node'
import { afterAll, describe, expect, it } from 'vitest'
import { treeOf } from '../../../test-support/tree.js'

// An output folder that is a mount point (a container's volume) cannot be
// renamed, nor can files be renamed into it from beside it. Mounting needs
// root and CAP_SYS_ADMIN: where this machine has neither, these are skipped.

// Decided as the file loads: which tests run depends on it.
const root = mkdtempSync(path.join(tmpdir(), 'galley-mount-'))
mkdirSync(path.join(root, 'dist'))
const mountable = spawnSync('mount', ['-t', 'tmpfs', 'none', path.join(root, 'dist')]).status === 0

afterAll(async () => {
  if (mountable) spawnSync('umount', [path.join(root, 'dist')])
  await rm(root, { recursive: true, force: true })
})

/** Version `n` of a small site: `n` changes the first post and drops the last. */
const version = (n: number) =>
  [1, 2, 3, 4].slice(0, n === 1 ? 4 : 3).map((index) => ({
    path: `posts/p${index}/index.html`,
    value: `<h1>Post ${index}, version ${index === 1 ? n : 1}</h1>\n`
  }))

describe('an output folder that is a mount point', () => {
  it.runIf(!mountable)(
    'is skipped: this machine cannot mount (run as root with CAP_SYS_ADMIN)',
    () => {
      expect(mountable).toBe(false)
    }
  )

  it.skipIf(!mountable)(
    'should be built into file by file, as a folder that is not one would be',
    async () => {
      const out = path.join(root, 'dist')
      const plain = path.join(root, 'plain')
      for (const n of [1, 2, 3]) {
        await writeSite(out, version(n), { records: path.join(root, 'records.bin') })
        await writeSite(plain, version(n))
        expect(treeOf(out)).toEqual(treeOf(plain))
        expect((await readdir(out)).filter((name) => name.startsWith('.galley-tmp-'))).toEqual([])
      }
      expect((await readdir(root)).sort()).toEqual(['dist', 'plain', 'records.bin'])
    }
  )

  it.skipIf(!mountable)('should remove, first, what a build killed inside it staged', async () => {
    const out = path.join(root, 'dist')
    const left = path.join(out, '.galley-tmp-0123abcd')
    await mkdir(path.join(left, 'posts'), { recursive: true })
    await writeFile(path.join(left, 'posts/half.html'), 'half')
    await recoverOutDir(out)
    expect(await readdir(out)).not.toContain('.galley-tmp-0123abcd')
  })
})

describe('an output path that is a file', () => {
  it('should be refused, naming it, and left as it was', async () => {
    const file = path.join(root, 'site.html')
    await writeFile(file, 'mine')
    await expect(writeSite(file, version(1), { force: true })).rejects.toThrow(
      `Refusing to replace \`${file}\`: it is a file, not a folder a build wrote; move it away, or build into another folder (\`--out\`, \`outDir\`)`
    )
    expect(treeOf(root)?.['site.html']).toBe('mine')
  })
})
