import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { type CachedRender, createGalley, type GalleyConfig, raw } from '@galley/core'
import { buildSite, createLiveSite, type LiveSite, loadSite } from '@galley/core/node'
import fc from 'fast-check'
import { h } from 'hastscript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import {
  config,
  initialState,
  messagesOf,
  outputsOf,
  type Post,
  type State,
  sample,
  sites,
  source,
  step
} from './support/model.js'

let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-live-'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

/** Write the posts of a state into `content/`, removing the ones it no longer has. */
async function writePosts(
  dir: string,
  state: State,
  before: ReadonlySet<string>
): Promise<string[]> {
  const changed: string[] = []
  for (const gone of before) {
    if (!state.site.has(gone)) {
      await rm(path.join(dir, 'content', `${gone}.md`), { force: true })
      changed.push(`content/${gone}.md`)
    }
  }
  await mkdir(path.join(dir, 'content'), { recursive: true })
  for (const [key, value] of state.site) {
    const file = path.join(dir, 'content', `${key}.md`)
    await writeFile(file, source(key, value, state.site))
    changed.push(`content/${key}.md`)
  }
  return changed
}

describe('createLiveSite', () => {
  it('should give what a fresh build gives, messages included, after any sequence of edits, and update a body edit alone', async () => {
    let run = 0
    let updates = 0
    await fc.assert(
      fc.asyncProperty(
        sites,
        fc.array(step, { minLength: 1, maxLength: 8 }),
        async (initial, steps) => {
          const here = path.join(root, String(run++))
          const state = initialState(initial)
          // As `galley dev` keeps them: renders in memory, a new pipeline when the config changes.
          const renders = new Map<string, CachedRender>()
          const cache = {
            get: (key: string) => renders.get(key),
            set: (key: string, value: CachedRender) => void renders.set(key, value)
          }
          let settings = JSON.stringify([state.shout, state.footer, state.version])
          const make = (): LiveSite<unknown> =>
            createLiveSite(
              createGalley({ ...config(state), cache }) as never,
              config(state) as GalleyConfig,
              { cwd: here }
            )
          let live = make()
          let names = new Set(state.site.keys())
          await writePosts(here, state, new Set())
          let last = await live.build()
          for (const change of steps) {
            const wasOk = last.result.ok
            change.apply(state)
            state.tamper = undefined
            const now = JSON.stringify([state.shout, state.footer, state.version])
            if (now !== settings) {
              settings = now
              live = make()
            }
            const written = await writePosts(here, state, names)
            names = new Set(state.site.keys())
            live.changed(written)
            last = await live.build()
            const fresh = await buildSite(
              createGalley(config(state)),
              await loadSite(config(state), { cwd: here })
            )
            expect(messagesOf(last.result)).toEqual(messagesOf(fresh))
            expect(last.result.ok).toBe(fresh.ok)
            expect(outputsOf(last.result)).toEqual(outputsOf(fresh))
            // A body edit, on a site without errors, is put in place by `update`.
            if (change.kind === 'body' && wasOk) {
              expect(last.full).toBe(false)
              updates++
            }
          }
          await rm(here, { recursive: true, force: true })
        }
      ),
      { seed: 20261202, numRuns: 25 }
    )
    // The seed makes body edits of sites without errors (each checked above).
    expect(updates).toBeGreaterThan(3)
  }, 120_000)

  it('should put a retitled post in place alone, and give its neighbours the new title', async () => {
    const here = path.join(root, 'retitle')
    const state = initialState({
      a: { ...sample, title: 'Title one', date: '2020-01-01' },
      b: { ...sample, title: 'Title two', date: '2020-02-01' },
      c: { ...sample, title: 'Title three', date: '2021-03-03' }
    })
    const settings = config(state) as GalleyConfig
    const live = createLiveSite(createGalley(settings), settings, { cwd: here })
    await writePosts(here, state, new Set())
    await live.build()
    ;(state.site.get('b') as Post).title = 'Title four'
    live.changed(await writePosts(here, state, new Set()))
    const { result, full } = await live.build()
    expect(full).toBe(false)
    const fresh = await buildSite(createGalley(settings), await loadSite(settings, { cwd: here }))
    expect(outputsOf(result)).toEqual(outputsOf(fresh))
    // The older neighbour's page names it as next, the newer one's as previous.
    expect(outputsOf(result)['posts/c/index.html']).toContain('Title four')
  })

  it('should build in full when a post’s `weight` changes the order', async () => {
    const here = path.join(root, 'weight')
    await mkdir(path.join(here, 'content'), { recursive: true })
    const settings: GalleyConfig = {
      site: 'https://live.test/',
      schema: z.object({ title: z.string(), date: z.coerce.date(), weight: z.number().optional() }),
      layouts: {
        index: (site) =>
          h(
            null,
            site.pages.map((page) => h('p', page.url))
          ),
        post: (page) => h(null, [h('h1', page.data.title), raw(page.html)])
      }
    }
    const write = (name: string, matter: string) =>
      writeFile(path.join(here, 'content', name), `---\n${matter}\n---\n\nBody.\n`)
    await write('a.md', 'title: A\ndate: 2020-01-01')
    await write('b.md', 'title: B\ndate: 2021-01-01')
    const live = createLiveSite(createGalley(settings), settings, { cwd: here })
    await live.build()
    await write('a.md', 'title: A\ndate: 2020-01-01\nweight: 1')
    live.changed(['content/a.md'])
    const { result, full } = await live.build()
    expect(full).toBe(true)
    const fresh = await buildSite(createGalley(settings), await loadSite(settings, { cwd: here }))
    expect(outputsOf(result)).toEqual(outputsOf(fresh))
    expect(outputsOf(result)['index.html']).toBe('<p>/posts/a/</p><p>/posts/b/</p>\n')
  })

  it('should resolve the references of a post put in place, and build everything when one is missing', async () => {
    const here = path.join(root, 'references')
    await mkdir(path.join(here, 'content/authors'), { recursive: true })
    await writeFile(path.join(here, 'content/authors/ann.yaml'), 'name: Ann\n')
    const post = (author: string, body: string) =>
      `---\ntitle: A\ndate: 2020-01-01\nauthor: ${author}\n---\n\n${body}\n`
    await writeFile(path.join(here, 'content/a.md'), post('ann', 'One.'))
    const settings: GalleyConfig = {
      site: 'https://b.test/',
      now: new Date('2026-01-01T00:00:00Z'),
      collections: {
        authors: { type: 'data', glob: 'authors/*.yaml', schema: z.object({ name: z.string() }) }
      },
      references: { author: 'authors' },
      layouts: {
        post: (page) => h(null, [h('h1', page.data.title), raw(page.html)]) as never,
        index: () => h(null, []) as never,
        tag: () => h(null, []) as never,
        notFound: () => h(null, []) as never
      }
    }
    const live = createLiveSite(createGalley(settings), settings, { cwd: here })
    await live.build()
    const fresh = async () =>
      buildSite(createGalley(settings), await loadSite(settings, { cwd: here }))
    await writeFile(path.join(here, 'content/a.md'), post('ann', 'Two.'))
    live.changed(['content/a.md'])
    const edited = await live.build()
    expect(edited.full).toBe(false)
    expect(edited.result.pages[0]?.references).toEqual({
      author: { id: 'ann', data: { name: 'Ann' } }
    })
    expect(outputsOf(edited.result)).toEqual(outputsOf(await fresh()))
    await writeFile(path.join(here, 'content/a.md'), post('bob', 'Two.'))
    live.changed(['content/a.md'])
    const missing = await live.build()
    expect(missing.full).toBe(true)
    expect(missing.result.ok).toBe(false)
    expect(messagesOf(missing.result)).toEqual(messagesOf(await fresh()))
  })
})
