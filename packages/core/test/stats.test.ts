import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createGalley, loadedDigest } from '@galley/core'
import { loadContent } from '@galley/core/node'
import type { VFile } from 'vfile'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

let root: string
let stats: string

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-stats-'))
  stats = path.join(root, '.cache/content.bin')
  await mkdir(path.join(root, 'content'), { recursive: true })
})

afterEach(async () => {
  vi.useRealTimers()
  await rm(root, { recursive: true, force: true })
})

const post = (title: string, body: string) =>
  `---\ntitle: ${title}\ndate: 2020-01-01\n---\n\n${body}\n`

/** Load as a build a while later would: the files' last change long enough ago to be settled. */
async function later(seconds = 10): Promise<VFile[]> {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(Date.now() + seconds * 1000)
  try {
    return await loadContent('content', { cwd: root, stats })
  } finally {
    vi.useRealTimers()
  }
}

/** Whether a file's text is still unread (the loader knew it by its stats). */
const unread = (file: VFile) =>
  typeof Object.getOwnPropertyDescriptor(file, 'value')?.get === 'function'

describe('loadContent with a stats file', () => {
  it('should read only the files whose stats changed, and the others when their text is used', async () => {
    await writeFile(path.join(root, 'content/a.md'), post('A', 'One.'))
    await writeFile(path.join(root, 'content/b.md'), post('B', 'Two.'))
    const first = await later()
    expect(first.some(unread)).toBe(false)
    await writeFile(path.join(root, 'content/b.md'), post('B', 'Three, longer.'))
    const [a, b] = await later(20)
    if (!a || !b) throw new Error('Expected two files')
    expect(unread(a)).toBe(true)
    expect(unread(b)).toBe(false)
    // The digest is known without the text, and is the one a read gives.
    expect(loadedDigest(a)).toBe(loadedDigest(first[0] as VFile))
    expect(String(a.value)).toBe(post('A', 'One.'))
    expect(loadedDigest(a)).toBe(loadedDigest(first[0] as VFile))
    expect(String(b.value)).toContain('Three, longer.')
    // A build of lazily read files is the build of the files.
    const built = await createGalley({ site: 'https://s.test/' }).build(await later(30))
    const fresh = await createGalley({ site: 'https://s.test/' }).build(
      await loadContent('content', { cwd: root })
    )
    expect(built.outputs.map((file) => [file.path, String(file.value)])).toEqual(
      fresh.outputs.map((file) => [file.path, String(file.value)])
    )
  })

  it('should read a file changed with its size and modification time kept (`touch -r`)', async () => {
    const file = path.join(root, 'content/a.md')
    await writeFile(file, post('A', 'Same size 1.'))
    await later()
    const before = await stat(file)
    await writeFile(file, post('A', 'Same size 2.'))
    await utimes(file, before.atime, before.mtime)
    expect((await stat(file)).size).toBe(before.size)
    const [again] = await later(20)
    if (!again) throw new Error('Expected the file')
    expect(unread(again)).toBe(false)
    expect(String(again.value)).toContain('Same size 2.')
  })

  it('should trust no stats of a file changed just before it was read', async () => {
    await writeFile(path.join(root, 'content/a.md'), post('A', 'One.'))
    // Read at once: the file may change again within its clock's tick.
    await loadContent('content', { cwd: root, stats })
    const [again] = await later()
    if (!again) throw new Error('Expected the file')
    expect(unread(again)).toBe(false)
  })

  it('should give a file its new text when it changes after it was loaded and before its text is read', async () => {
    const file = path.join(root, 'content/a.md')
    await writeFile(file, post('A', 'One.'))
    await later()
    const [lazy] = await later(20)
    if (!lazy) throw new Error('Expected the file')
    const digest = loadedDigest(lazy)
    await writeFile(file, post('A', 'Changed meanwhile.'))
    expect(String(lazy.value)).toContain('Changed meanwhile.')
    // Its digest was of the old text: it is dropped, not kept for the new one.
    expect(loadedDigest(lazy)).toBeUndefined()
    expect(digest).toBeDefined()
  })

  it('should read every file when the stats file is damaged or of another folder', async () => {
    await writeFile(path.join(root, 'content/a.md'), post('A', 'One.'))
    await later()
    // The stats file of another content folder, with a file of the same name.
    await mkdir(path.join(root, 'other'), { recursive: true })
    await writeFile(path.join(root, 'other/a.md'), post('A', 'One.'))
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(Date.now() + 10_000)
    await loadContent('other', { cwd: root, stats })
    vi.useRealTimers()
    expect((await later(20)).some(unread)).toBe(false)
    await writeFile(stats, (await readFile(stats)).subarray(0, 40))
    expect((await later(25)).some(unread)).toBe(false)
    await writeFile(stats, 'not json')
    expect((await later(30)).some(unread)).toBe(false)
    expect((await later(40)).every(unread)).toBe(true)
  })

  it('should stop giving the digest once the text is replaced', async () => {
    await writeFile(path.join(root, 'content/a.md'), post('A', 'One.'))
    await later()
    const [lazy] = await later(20)
    if (!lazy) throw new Error('Expected the file')
    expect(loadedDigest(lazy)).toBeDefined()
    lazy.value = post('A', 'Replaced in memory.')
    expect(loadedDigest(lazy)).toBeUndefined()
    expect(String(lazy.value)).toContain('Replaced in memory.')
  })
})
