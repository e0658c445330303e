import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { main } from '@galley/cli'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { commandStamp, dependencyStamp, folderStamp } from '../src/stamp.js'
import { capture } from './streams.js'

let root: string

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-stamp-'))
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('the dependency stamp of the render cache', () => {
  it('should hash the nearest lockfile, at or above the site, with the command’s own files', async () => {
    const site = path.join(root, 'sites/blog')
    await mkdir(site, { recursive: true })
    // No lockfile: the command's files alone.
    expect(await dependencyStamp(site)).toBe(await commandStamp())
    await writeFile(path.join(root, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n')
    const first = await dependencyStamp(site)
    expect(first).toMatch(/^[0-9a-f]{64}$/)
    await writeFile(path.join(root, 'pnpm-lock.yaml'), 'lockfileVersion: 9.0\n# remark-gfm 4.0.2\n')
    expect(await dependencyStamp(site)).not.toBe(first)
  })

  it('should change when a file of the command is built anew, though the lockfile is the same', async () => {
    const dist = path.join(root, 'dist')
    await mkdir(dist)
    await writeFile(path.join(dist, 'index.js'), 'export {}\n')
    const before = await folderStamp(dist)
    expect(await folderStamp(dist)).toBe(before)
    await writeFile(path.join(dist, 'index.js'), 'export const built = 2\n')
    expect(await folderStamp(dist)).not.toBe(before)
    // The same files elsewhere, written later: the same stamp (a cache restored in CI).
    const copy = path.join(root, 'elsewhere')
    await mkdir(copy)
    await writeFile(path.join(copy, 'index.js'), 'export const built = 2\n')
    expect(await folderStamp(copy)).toBe(await folderStamp(dist))
  })

  it('should render everything again after a dependency changes, and nothing when none did', async () => {
    await mkdir(path.join(root, 'content'))
    for (const name of ['a', 'b']) {
      await writeFile(
        path.join(root, 'content', `${name}.md`),
        `---\ntitle: ${name}\ndate: 2020-01-01\n---\n\n# ${name}\n`
      )
    }
    await writeFile(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}\n')
    const check = () => main(['check'], { cwd: root, stdout: capture(), stderr: capture() })
    const stored = async () => (await readdir(path.join(root, '.cache/galley/render'))).length
    expect(await check()).toBe(0)
    expect(await stored()).toBe(2)
    expect(await check()).toBe(0)
    expect(await stored()).toBe(2)
    await writeFile(path.join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}\n')
    expect(await check()).toBe(0)
    expect(await stored()).toBe(4)
  })
})

describe('a portable render cache', () => {
  it('should give a warm build in another checkout path, with the same site', async () => {
    const first = path.join(root, 'checkout-1')
    await mkdir(path.join(first, 'content/posts'), { recursive: true })
    for (const name of ['a', 'b', 'c']) {
      await writeFile(
        path.join(first, 'content/posts', `${name}.md`),
        `---\ntitle: ${name}\ndate: 2020-01-0${name.charCodeAt(0) - 96}\n---\n\n# ${name}\n\nSee [a](./a.md).\n`
      )
    }
    await writeFile(path.join(first, 'package-lock.json'), '{"lockfileVersion":3}\n')
    const build = (cwd: string) =>
      main(['build', '--workers', '1'], { cwd, stdout: capture(), stderr: capture() })
    expect(await build(first)).toBe(0)
    // Another checkout, somewhere else, with the cache folder restored (as a CI cache does).
    const second = path.join(root, 'elsewhere', 'checkout-2')
    await mkdir(path.dirname(second), { recursive: true })
    await cp(first, second, {
      recursive: true,
      filter: (file) => !file.includes(`${path.sep}dist`)
    })
    const before = await readdir(path.join(second, '.cache/galley/render'))
    expect(await build(second)).toBe(0)
    // No render was needed: the cache folder gained nothing.
    expect(await readdir(path.join(second, '.cache/galley/render'))).toEqual(before)
    const read = (cwd: string) => readFile(path.join(cwd, 'dist/feed.json'), 'utf8')
    expect(await read(second)).toBe(await read(first))
  })
})
