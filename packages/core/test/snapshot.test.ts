import { statSync } from 'node:fs'
import { mkdtemp, rm, truncate } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type BuildResult, createGalley, type GalleyConfig } from '@galley/core'
import { readSnapshot, writeSnapshot } from '@galley/core/node'
import fc from 'fast-check'
import { VFile } from 'vfile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  buildInputs,
  config,
  files,
  initialState,
  messagesOf,
  outputsOf,
  type Post,
  type State,
  sample,
  sites,
  step
} from './support/model.js'

let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-snapshot-'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** What the host keys a snapshot with: here, the parts of the state that are config. */
const keyOf = (state: State) =>
  JSON.stringify([state.shout, state.footer, state.version, [...(state.images ?? [])]])

describe('snapshot and resume', () => {
  it('should give what a fresh build gives, messages included, after any sequence of edits (images too), resuming a body edit', async () => {
    let run = 0
    let resumed = 0
    let appended = 0
    const changesSize = (store: string) =>
      statSync(`${store}.changes`, { throwIfNoEntry: false })?.size ?? 0
    await fc.assert(
      fc.asyncProperty(
        sites,
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (initial, steps) => {
          const store = path.join(root, `${run++}.bin`)
          const state = initialState(initial, { images: true })
          // Each build in a new process, as `galley build` runs: a new
          // pipeline, files read again, the snapshot read from disk.
          let galley = createGalley(config(state))
          let last = await galley.build(files(state), buildInputs(state))
          let snapshot = galley.snapshot(last)
          if (snapshot) writeSnapshot(store, keyOf(state), snapshot)
          for (const change of steps) {
            const wasOk = last.ok
            change.apply(state)
            state.tamper = undefined
            galley = createGalley(config(state))
            const saved = readSnapshot(store, keyOf(state))
            const again = saved
              ? await galley.resume(saved.snapshot, files(state), {
                  files: buildInputs(state).files,
                  text: saved.text
                })
              : undefined
            const fresh = await createGalley(config(state)).build(files(state), buildInputs(state))
            if (again) {
              expect(messagesOf(again)).toEqual(messagesOf(fresh))
              expect(again.ok).toBe(fresh.ok)
              expect(outputsOf(again)).toEqual(outputsOf(fresh))
            } else {
              // A body edit of a site without errors, under the same config, always resumes.
              expect(change.kind === 'body' && wasOk && saved !== undefined).toBe(false)
            }
            if (again && change.kind === 'body') resumed++
            last = again ?? (await galley.build(files(state), buildInputs(state)))
            snapshot = galley.snapshot(last)
            const size = changesSize(store)
            if (snapshot) writeSnapshot(store, keyOf(state), snapshot)
            else await rm(store, { force: true })
            if (changesSize(store) > Math.max(size, 32)) appended++
          }
        }
      ),
      { seed: 20261203, numRuns: 40 }
    )
    expect(resumed).toBeGreaterThan(3)
    // Resumed builds kept their snapshots as records of what changed.
    expect(appended).toBeGreaterThan(3)
  }, 120_000)

  it('should read no text of a post until something needs it, and append only the new ones', async () => {
    const state = initialState({
      a: { ...sample, title: 'Title one', date: '2020-01-01', body: 'one' },
      b: { ...sample, title: 'Title two', date: '2020-02-01', body: 'two' },
      c: { ...sample, title: 'Title three', date: '2021-03-03', body: 'three' }
    })
    const store = path.join(root, 'lazy.bin')
    const galley = createGalley(config(state))
    const first = galley.snapshot(await galley.build(files(state)))
    if (!first) throw new Error('Expected a snapshot')
    writeSnapshot(store, 'k', first)
    const size = statSync(`${store}.bodies`).size
    ;(state.site.get('b') as Post).body = 'four'
    const saved = readSnapshot(store, 'k')
    if (!saved) throw new Error('Expected the snapshot back')
    let reads = 0
    const text = (where: Parameters<typeof saved.text>[0]) => {
      reads++
      return saved.text(where)
    }
    const next = createGalley(config(state))
    const result = await next.resume(saved.snapshot, files(state), { text })
    if (!result) throw new Error('Expected a resumed build')
    // One text: the edited post's old link index, whose ids its new one must keep.
    expect(reads).toBe(1)
    // The post's own page has its new body, read from no snapshot.
    const page = result.outputs.find((file) => file.path === 'posts/b/index.html')
    expect(String(page?.value)).toContain('four')
    expect(reads).toBe(1)
    const again = next.snapshot(result)
    if (!again) throw new Error('Expected a snapshot')
    const before = statSync(store, { bigint: true })
    writeSnapshot(store, 'k', again)
    // Kept as a record of what changed: the snapshot file stays as it was.
    const after = statSync(store, { bigint: true })
    expect([after.ino, after.mtimeNs]).toEqual([before.ino, before.mtimeNs])
    expect(statSync(`${store}.changes`).size).toBeGreaterThan(32)
    // Only the edited post's texts were added to the bodies file; the
    // others' stay where they were, unread.
    const [changed, ...others] = [...again.files]
      .filter((item) => item.entry)
      .sort((a, b) => (a.path === 'content/b.md' ? -1 : b.path === 'content/b.md' ? 1 : 0))
    const { html, packed } = changed?.entry ?? {}
    if (typeof html !== 'string' || typeof packed !== 'string') {
      throw new Error('Expected the edited post’s texts in the snapshot')
    }
    expect(html).toContain('four')
    expect(others.every((item) => typeof item.entry?.html === 'object')).toBe(true)
    expect(statSync(`${store}.bodies`).size).toBe(
      size + Buffer.byteLength(html) + Buffer.byteLength(packed)
    )
    expect(reads).toBe(1)
    // The others are still there, for a build that needs them (the feed does).
    const later = readSnapshot(store, 'k')
    if (!later) throw new Error('Expected the snapshot back')
    const third = await createGalley(config(state)).resume(later.snapshot, files(state), {
      text: later.text
    })
    const fresh = await createGalley(config(state)).build(files(state))
    expect(outputsOf(third as BuildResult<unknown>)).toEqual(outputsOf(fresh))
  })

  it('should give a resumed page the raw front matter and neighbours a fresh build gives, dates as dates', async () => {
    const inputs = () => [
      new VFile({
        path: 'content/a.md',
        value:
          '+++\ntitle = "A"\ndate = 2020-01-01T00:00:00Z\ntags = ["x"]\n"$date" = "kept"\n+++\n\n# A\n'
      }),
      new VFile({
        path: 'content/b.md',
        value: '---\ntitle: B\ndate: 2020-02-01\ntags: [x]\n---\n\n# B\n'
      }),
      new VFile({ path: 'content/c.md', value: '---\ntitle: C\ndate: 2020-03-01\n---\n\n# C\n' })
    ]
    const settings = { site: 'https://s.test/', now: new Date('2026-01-01T00:00:00Z') }
    const store = path.join(root, 'matter.bin')
    const galley = createGalley(settings)
    const first = galley.snapshot(await galley.build(inputs()))
    if (!first) throw new Error('Expected a snapshot')
    writeSnapshot(store, 'k', first)
    const saved = readSnapshot(store, 'k')
    if (!saved) throw new Error('Expected the snapshot back')
    const resumed = await createGalley(settings).resume(saved.snapshot, inputs(), {
      text: saved.text
    })
    const fresh = await createGalley(settings).build(inputs())
    if (!resumed) throw new Error('Expected a resumed build')
    const view = (result: BuildResult<unknown>) =>
      result.pages.map((page) => ({
        path: page.file.path,
        matter: page.file.data.matter,
        previous: page.previous,
        next: page.next,
        related: page.related
      }))
    expect(view(resumed)).toEqual(view(fresh))
    const a = resumed.pages.find((page) => page.file.path === 'content/a.md')
    expect(a?.file.data.matter?.date).toBeInstanceOf(Date)
    expect(a?.file.data.matter?.$date).toBe('kept')
    expect(a?.previous?.title).toBe(undefined)
    expect(a?.next?.title).toBe('B')
  })

  it('should read a snapshot back to its last whole record of changes, and write it whole after many', async () => {
    // Twelve posts: a record of one edit is a small part of the snapshot.
    const state = initialState(
      Object.fromEntries(
        'abcdefghijkl'
          .split('')
          .map((name, index) => [
            name,
            { ...sample, title: `Title ${name}`, date: `2020-01-${10 + index}`, body: name }
          ])
      )
    )
    const store = path.join(root, 'changes.bin')
    const build = async () => {
      const saved = readSnapshot(store, 'k')
      const galley = createGalley(config(state))
      const result = saved
        ? await galley.resume(saved.snapshot, files(state), { text: saved.text })
        : await galley.build(files(state))
      if (!result) throw new Error('Expected a resumed build')
      const snapshot = galley.snapshot(result)
      if (!snapshot) throw new Error('Expected a snapshot')
      writeSnapshot(store, 'k', snapshot)
      return result
    }
    await build()
    const post = state.site.get('b') as Post
    post.body = 'second'
    await build()
    post.body = 'third'
    await build()
    const whole = statSync(`${store}.changes`).size
    // A build killed while appending its record: the record before it holds.
    await truncate(`${store}.changes`, whole - 3)
    const torn = readSnapshot(store, 'k')
    const resumed =
      torn &&
      (await createGalley(config(state)).resume(torn.snapshot, files(state), { text: torn.text }))
    const fresh = await createGalley(config(state)).build(files(state))
    expect(outputsOf(resumed as BuildResult<unknown>)).toEqual(outputsOf(fresh))
    // The next build does not append after a torn record: it writes the snapshot whole.
    post.body = 'fourth'
    await build()
    expect(statSync(`${store}.changes`).size).toBe(32)
    // Records pile up, and past a limit (here, a quarter of the snapshot's
    // size) the snapshot is written whole again.
    const sizes: number[] = []
    for (let round = 0; round < 12; round++) {
      post.body = `round ${round}`
      await build()
      sizes.push(statSync(`${store}.changes`).size)
    }
    const resets = sizes.filter((size) => size === 32).length
    expect(resets).toBeGreaterThan(0)
    expect(resets).toBeLessThan(sizes.length / 2)
    expect(sizes.every((size, index) => size === 32 || size > (sizes[index - 1] ?? 32))).toBe(true)
    const last = await build()
    expect(outputsOf(last as BuildResult<unknown>)).toEqual(
      outputsOf(await createGalley(config(state)).build(files(state)))
    )
  })

  it('should give no snapshot back for another key, and none when the list of files changed', async () => {
    const state = initialState({ a: sample, b: { ...sample, date: '2020-02-01' } })
    const store = path.join(root, 'keys.bin')
    const galley = createGalley(config(state))
    const built = await galley.build(files(state))
    // A result of another pipeline is not this one's to snapshot.
    expect(createGalley(config(state)).snapshot(built)).toBeUndefined()
    const first = galley.snapshot(built)
    if (!first) throw new Error('Expected a snapshot')
    writeSnapshot(store, 'k', first)
    expect(readSnapshot(store, 'other')).toBeUndefined()
    expect(readSnapshot(path.join(root, 'none.bin'), 'k')).toBeUndefined()
    const saved = readSnapshot(store, 'k')
    if (!saved) throw new Error('Expected the snapshot back')
    state.site.set('c', { ...sample, date: '2021-03-03' })
    const added = await createGalley(config(state)).resume(saved.snapshot, files(state), {
      text: saved.text
    })
    expect(added).toBeUndefined()
  })

  it('should resume nothing when the clock publishes a post the snapshot had as future', async () => {
    const settings = (now: string): GalleyConfig => ({
      site: 'https://b.test/',
      now: new Date(now),
      schema: z.object({ title: z.string(), date: z.coerce.date() })
    })
    const input = () => [
      new VFile({ path: 'content/a.md', value: '---\ntitle: A\ndate: 2020-01-01\n---\nOne.\n' }),
      new VFile({ path: 'content/b.md', value: '---\ntitle: B\ndate: 2025-06-01\n---\nTwo.\n' })
    ]
    const before = createGalley(settings('2025-01-01T00:00:00Z'))
    const built = await before.build(input())
    expect(built.pages.map((page) => page.url)).toEqual(['/posts/a/'])
    const snapshot = before.snapshot(built)
    if (!snapshot) throw new Error('Expected a snapshot')
    const same = await createGalley(settings('2025-02-01T00:00:00Z')).resume(snapshot, input())
    expect(same?.pages.map((page) => page.url)).toEqual(['/posts/a/'])
    const later = await createGalley(settings('2025-07-01T00:00:00Z')).resume(snapshot, input())
    expect(later).toBeUndefined()
  })

  it('should keep no snapshot that cannot be stored, and remove the old one', async () => {
    const store = path.join(root, 'function.bin')
    const plain = createGalley({ site: 'https://b.test/' })
    const input = () => [
      new VFile({ path: 'content/a.md', value: '---\ntitle: A\ndate: 2020-01-01\n---\nOne.\n' })
    ]
    const first = plain.snapshot(await plain.build(input()))
    if (!first) throw new Error('Expected a snapshot')
    writeSnapshot(store, 'k', first)
    expect(readSnapshot(store, 'k')).toBeDefined()
    const odd = createGalley({
      site: 'https://b.test/',
      schema: z.object({
        title: z.string(),
        date: z.coerce.date(),
        // A value no snapshot can hold.
        greet: z
          .string()
          .default('hi')
          .transform((text) => () => text)
      })
    })
    const second = odd.snapshot(await odd.build(input()))
    if (!second) throw new Error('Expected a snapshot')
    expect(() => writeSnapshot(store, 'k', second)).toThrow()
    expect(readSnapshot(store, 'k')).toBeUndefined()
  })
})
