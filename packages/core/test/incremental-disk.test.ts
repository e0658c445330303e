import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { createGalley, type GalleyConfig, type Page, raw, type Site } from '@galley/core'
import { createContentCache, writeSite } from '@galley/core/node'
import fc from 'fast-check'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { treeOf } from '../../../test-support/tree.js'

/** One post of the model site. */
interface Post {
  title: string
  date: string
  tags: string[]
  draft: boolean
  heading: string
  /** Names of the posts it links to, and whether at their heading. */
  links: Array<{ to: string; anchor: boolean }>
  body: string
}

/** Everything a step can change: the posts, the config and the installed packages. */
interface State {
  site: Map<string, Post>
  shout: boolean
  /** The option of the site's remark plugin. */
  footer: string
  /** The version of the plugin's package (the lockfile's hash, in the CLI). */
  version: number
  /** A hand edit in the output folder, to be undone by the next build. */
  tamper: string | undefined
}

const anchorOf = (text: string) => text.toLowerCase().replace(/\s+/g, '-')

function source(name: string, post: Post, site: State['site']): string {
  const links = post.links
    .map(({ to, anchor }) => {
      const target = site.get(to)
      const hash = anchor ? `#${target ? anchorOf(target.heading) : 'gone'}` : ''
      return `See [${to}](./${to}.md${hash}).`
    })
    .join(' ')
  return `---\ntitle: "${post.title}"\ndate: ${post.date}\ntags: [ ${post.tags.join(', ')} ]\ndraft: ${post.draft}\n---\n\n# ${post.heading}\n\n${post.body} (${name}).\n\n${links}\n`
}

type P = Page<{ title: string; date: Date; tags: string[] }>

/** Layouts that read a little of everything: their own page, neighbours, the newest post, excerpts, terms. */
const layouts = {
  post: (page: P, site: Site<P['data']>): Root =>
    h(null, [
      h('h1', page.data.title),
      raw(page.html),
      h('p', `${page.previous?.title ?? '-'} ${page.next?.url ?? '-'}`),
      h('p', `Newest: ${site.pages[0]?.data.title ?? '-'} of ${site.pages.length}`),
      h(
        'ul',
        (page.related ?? []).map((item) => h('li', item.url))
      )
    ]) as Root,
  index: (
    site: Site<P['data']>,
    pagination: { items: ReadonlyArray<P>; current: number; total: number }
  ): Root =>
    h(null, [
      h('p', `${site.title} ${pagination.current}/${pagination.total}`),
      ...pagination.items.map((page) => h('p', [page.data.title, raw(page.excerpt.html)]))
    ]) as Root,
  tag: (tag: { name: string; pages: ReadonlyArray<P> }): Root =>
    h(null, h('p', `${tag.name}: ${tag.pages.map((page) => page.data.title).join(', ')}`)) as Root,
  notFound: (site: Site<P['data']>): Root =>
    h(null, h('p', `Not found on ${site.tags.map((tag) => tag.name).join(' ')}`)) as Root
}

/** A remark plugin with an option: a paragraph at the end of every post. */
function remarkFooter(options: { text: string }) {
  return (tree: { children: unknown[] }) => {
    tree.children.push({ type: 'paragraph', children: [{ type: 'text', value: options.text }] })
  }
}

function config(state: State): GalleyConfig {
  const transform = state.shout
    ? (title: string) => title.toUpperCase()
    : (title: string) => title.trim()
  return {
    site: 'https://b.test/',
    title: 'Model',
    now: new Date('2026-01-01T00:00:00Z'),
    paginate: 2,
    layouts: layouts as unknown as GalleyConfig['layouts'],
    markdown: { remarkPlugins: [[remarkFooter, { text: state.footer }]] },
    schema: z.object({
      title: z.string().transform(transform),
      date: z.coerce.date(),
      tags: z.array(z.string()).default([]),
      draft: z.boolean().default(false)
    })
  }
}

const files = (state: State) =>
  [...state.site].map(
    ([name, post]) =>
      new VFile({ path: `content/${name}.md`, value: source(name, post, state.site) })
  )

const messagesOf = (result: { files: VFile[] }) =>
  result.files.flatMap((file) =>
    file.messages.map((message) => [String(message), message.ruleId, message.fatal])
  )

const name = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g')
const word = fc.constantFrom('one', 'two', 'three', 'four')
const post = fc.record({
  title: word.map((value) => `Title ${value}`),
  date: fc.constantFrom('2020-01-01', '2020-02-01', '2021-03-03'),
  tags: fc.subarray(['x', 'y', 'z']),
  draft: fc.boolean(),
  heading: word.map((value) => `Heading ${value}`),
  links: fc.array(fc.record({ to: name, anchor: fc.boolean() }), { maxLength: 2 }),
  body: word
})

type Step = (state: State) => void
const edit =
  (change: (post: Post) => void) =>
  (target: string): Step =>
  (state) => {
    const found = state.site.get(target)
    if (found) change(found)
  }

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.tuple(name, word).map(([target, value]) => edit((post) => (post.body = value))(target)),
  fc
    .tuple(name, word)
    .map(([target, value]) => edit((post) => (post.title = `Title ${value}`))(target)),
  fc
    .tuple(name, fc.subarray(['x', 'y', 'z']))
    .map(([target, value]) => edit((post) => (post.tags = value))(target)),
  fc
    .tuple(name, fc.constantFrom('2019-05-05', '2022-06-06'))
    .map(([target, value]) => edit((post) => (post.date = value))(target)),
  name.map(edit((post) => (post.draft = !post.draft))),
  fc
    .tuple(name, word)
    .map(([target, value]) => edit((post) => (post.heading = `Heading ${value} again`))(target)),
  fc.tuple(name, post).map(
    ([target, value]): Step =>
      (state) =>
        void state.site.set(target, structuredClone(value))
  ),
  name.map(
    (target): Step =>
      (state) =>
        void state.site.delete(target)
  ),
  fc.tuple(name, name).map(
    ([from, to]): Step =>
      (state) => {
        const found = state.site.get(from)
        if (!found || from === to) return
        state.site.delete(from)
        state.site.set(to, found)
      }
  ),
  fc.constant<Step>((state) => {
    state.shout = !state.shout
  }),
  word.map(
    (value): Step =>
      (state) => {
        state.footer = `Footer ${value}`
      }
  ),
  fc.constant<Step>((state) => void state.version++),
  fc.constantFrom('index.html', 'feed.xml', 'sitemap.xml', 'tags/x/index.html').map(
    (file): Step =>
      (state) => {
        state.tamper = file
      }
  )
)

let root: string

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'galley-incremental-'))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('incremental builds on disk', () => {
  it('should leave the output folder equal to a fresh build, byte for byte, after any sequence of edits', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(name, post, { minKeys: 2, maxKeys: 7 }),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        async (initial, steps) => {
          const here = path.join(root, String(run++))
          const state: State = {
            site: new Map(Object.entries(structuredClone(initial))),
            shout: false,
            footer: 'Footer one',
            version: 1,
            tamper: undefined
          }
          const incremental = async () => {
            const salt = `plugin@${state.version}`
            const cache = createContentCache(path.join(here, 'cache/render'), { salt })
            const result = await createGalley({ ...config(state), cache }).build(files(state))
            if (result.ok) {
              await writeSite(path.join(here, 'incremental'), result.outputs, {
                records: path.join(here, 'cache/outputs.json'),
                stamp: salt
              })
            }
            return result
          }
          await incremental()
          for (const change of steps) {
            change(state)
            if (state.tamper) {
              const file = path.join(here, 'incremental', state.tamper)
              await writeFile(file, 'edited by hand', { flag: 'r+' }).catch(() => undefined)
              state.tamper = undefined
            }
            const warm = await incremental()
            const fresh = await createGalley(config(state)).build(files(state))
            expect(messagesOf(warm)).toEqual(messagesOf(fresh))
            expect(warm.ok).toBe(fresh.ok)
            if (!fresh.ok) continue
            await writeSite(path.join(here, 'fresh'), fresh.outputs, { force: true })
            expect(treeOf(path.join(here, 'incremental'))).toEqual(treeOf(path.join(here, 'fresh')))
          }
          await rm(here, { recursive: true, force: true })
        }
      ),
      { seed: 20261202, numRuns: 25 }
    )
  }, 120_000)
})
