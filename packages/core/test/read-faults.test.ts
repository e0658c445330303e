import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createGalley } from '@galley/core'
import { loadContent, readContentFile } from '@galley/core/node'
import type { VFile } from 'vfile'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

// A content file that cannot be read is a message at that file; the others
// are still checked and built (docs/reliability.md).
let root = ''

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-read-faults-'))
  await mkdir(path.join(root, 'content'))
  for (const name of ['a', 'b']) {
    await writeFile(
      path.join(root, `content/${name}.md`),
      `---\ntitle: ${name.toUpperCase()}\ndate: 2024-01-0${name === 'a' ? 1 : 2}\n---\n\nBody ${name}.\n`
    )
  }
})

afterEach(() => rm(root, { recursive: true, force: true }))

const said = (files: VFile[]) =>
  files.flatMap((file) =>
    file.messages.map((message) => [file.path, message.ruleId, message.fatal, message.reason])
  )

describe('content files that cannot be read', () => {
  it('should give a file gone before it was read one unreadable-file error', () => {
    const file = readContentFile(path.join(root, 'content/gone.md'), root)
    expect(said([file])).toEqual([
      [
        'content/gone.md',
        'unreadable-file',
        true,
        'Cannot read `content/gone.md`: it was removed while the build ran; build again, or put it back'
      ]
    ])
  })

  it('should report a file removed between loading and reading, and build the rest', async () => {
    const stats = path.join(root, '.cache/stats.json')
    await mkdir(path.dirname(stats))
    // Loads a while later (the files settled): the second knows both files by
    // their stats and reads their text only when asked.
    vi.useFakeTimers({ toFake: ['Date'] })
    let files: VFile[]
    try {
      vi.setSystemTime(Date.now() + 10_000)
      await loadContent('content', { cwd: root, stats })
      vi.setSystemTime(Date.now() + 10_000)
      files = await loadContent('content', { cwd: root, stats })
    } finally {
      vi.useRealTimers()
    }
    await rm(path.join(root, 'content/b.md'))
    const result = await createGalley({ site: 'https://faults.test/' }).build(files)
    expect(said(result.files)).toEqual([
      [
        'content/b.md',
        'unreadable-file',
        true,
        'Cannot read `content/b.md`: it was removed while the build ran; build again, or put it back'
      ]
    ])
    expect(result.ok).toBe(false)
    expect(result.pages.map((page) => page.url)).toEqual(['/posts/a/'])
  })
})
