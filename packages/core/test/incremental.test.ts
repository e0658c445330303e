import { type CachedRender, createGalley, type GalleyConfig, raw } from '@galley/core'
import fc from 'fast-check'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'

/** One post of the model site. */
interface Post {
  title: string
  date: string
  tags: string[]
  draft: boolean
  heading: string
  /** Names of the posts it links to, with the heading it points at. */
  links: Array<{ to: string; anchor: boolean; style: 'ref' | 'relative' | 'root' }>
  extra: string
}

type Site = Map<string, Post>

/** What a step can change, and how the config is set. */
interface State {
  site: Site
  shout: boolean
  smartypants: boolean
  dated: boolean
}

const slugOfHeading = (text: string) => text.toLowerCase().replace(/\s+/g, '-')

function source(name: string, post: Post, site: Site): string {
  const links = post.links
    .map(({ to, anchor, style }) => {
      const target = site.get(to)
      const hash = anchor && target ? `#${slugOfHeading(target.heading)}` : anchor ? '#gone' : ''
      // By path, from the content folder, or as Hugo's `ref` (no `.md`).
      if (style === 'root') return `See [${to}](/${to}.md${hash}).`
      if (style === 'ref') return `See [${to}]({{< ref "${to}${hash}" >}}).`
      return `See [${to}](./${to}.md${hash}).`
    })
    .join(' ')
  return `---\ntitle: "${post.title}"\ndate: ${post.date}\ntags: [ ${post.tags.join(', ')} ]\ndraft: ${post.draft}\n---\n\n# ${post.heading}\n\n${links}\n\n"Quoted" -- ${post.extra} (${name})\n`
}

const layouts = {
  post: (page: {
    data: { title: string }
    html: string
    previous?: { url: string } | undefined
    next?: { url: string } | undefined
    related?: ReadonlyArray<{ url: string }> | undefined
  }): Root =>
    h(null, [
      h('h1', page.data.title),
      raw(page.html),
      h('p', `${page.previous?.url ?? '-'} ${page.next?.url ?? '-'}`),
      h(
        'ul',
        (page.related ?? []).map((item) => h('li', item.url))
      )
    ]) as Root,
  index: (site: { pages: ReadonlyArray<{ url: string; data: { title: string } }> }): Root =>
    h(
      null,
      site.pages.map((page) => h('p', `${page.url} ${page.data.title}`))
    ) as Root,
  tag: (tag: { name: string; pages: ReadonlyArray<{ url: string }> }): Root =>
    h(null, h('p', `${tag.name}: ${tag.pages.map((page) => page.url).join(' ')}`)) as Root,
  notFound: (): Root => h(null, h('p', 'Not found')) as Root
}

function config(state: State): GalleyConfig {
  const transform = state.shout
    ? (title: string) => title.toUpperCase()
    : (title: string) => title.trim()
  return {
    site: 'https://b.test/',
    title: 'Model',
    now: new Date('2026-01-01T00:00:00Z'),
    layouts,
    permalink: state.dated ? '/:year/:slug/' : '/posts/:slug/',
    markdown: { smartypants: state.smartypants },
    schema: z.object({
      title: z.string().transform(transform),
      date: z.coerce.date(),
      tags: z.array(z.string()).default([]),
      draft: z.boolean().default(false)
    })
  }
}

const files = (site: Site) =>
  [...site].map(
    ([name, post]) => new VFile({ path: `content/${name}.md`, value: source(name, post, site) })
  )

/** Everything a build gives that a user sees: every output's bytes, every message. */
async function snapshot(result: Awaited<ReturnType<ReturnType<typeof createGalley>['build']>>) {
  return {
    outputs: result.outputs.map((file) => [file.path, String(file.value)]),
    messages: result.files.flatMap((file) =>
      file.messages.map((message) => [String(message), message.ruleId, message.fatal])
    ),
    ok: result.ok
  }
}

const name = fc.constantFrom('a', 'b', 'c', 'd', 'e')
const tags = fc.subarray(['x', 'y', 'z'])
const word = fc.constantFrom('one', 'two', 'three', 'four')
const post = fc.record({
  title: word.map((value) => `Title ${value}`),
  date: fc.constantFrom('2020-01-01', '2020-02-01', '2021-03-03'),
  tags,
  draft: fc.boolean(),
  heading: word.map((value) => `Heading ${value}`),
  links: fc.array(
    fc.record({
      to: name,
      anchor: fc.boolean(),
      style: fc.constantFrom('relative' as const, 'root' as const, 'ref' as const)
    }),
    { maxLength: 2 }
  ),
  extra: word
})

type Step = (state: State) => void

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.tuple(name, word).map(
    ([target, value]): Step =>
      (state) => {
        const found = state.site.get(target)
        if (found) found.extra = value
      }
  ),
  fc.tuple(name, word).map(
    ([target, value]): Step =>
      (state) => {
        const found = state.site.get(target)
        if (found) found.title = `Title ${value}`
      }
  ),
  fc.tuple(name, tags).map(
    ([target, value]): Step =>
      (state) => {
        const found = state.site.get(target)
        if (found) found.tags = value
      }
  ),
  fc.tuple(name, fc.constantFrom('2019-05-05', '2022-06-06')).map(
    ([target, value]): Step =>
      (state) => {
        const found = state.site.get(target)
        if (found) found.date = value
      }
  ),
  name.map(
    (target): Step =>
      (state) => {
        const found = state.site.get(target)
        if (found) found.draft = !found.draft
      }
  ),
  fc.tuple(name, post).map(
    ([target, value]): Step =>
      (state) => {
        state.site.set(target, structuredClone(value))
      }
  ),
  name.map(
    (target): Step =>
      (state) => {
        state.site.delete(target)
      }
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
  // Rename a heading that other posts link to.
  fc.tuple(name, word).map(
    ([target, value]): Step =>
      (state) => {
        const found = state.site.get(target)
        if (found) found.heading = `Heading ${value} again`
      }
  ),
  fc.constant<Step>((state) => {
    state.shout = !state.shout
  }),
  fc.constant<Step>((state) => {
    state.smartypants = !state.smartypants
  }),
  fc.constant<Step>((state) => {
    state.dated = !state.dated
  })
)

describe('incremental builds', () => {
  it('should equal a build without a cache, byte for byte, after any sequence of edits', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(name, post, { minKeys: 2, maxKeys: 5 }),
        fc.array(step, { minLength: 1, maxLength: 6 }),
        async (initial, steps) => {
          // Stored as JSON text, as `createContentCache` keeps it on disk.
          const store = new Map<string, string>()
          const cache = {
            get: (key: string) => {
              const text = store.get(key)
              return text === undefined ? undefined : (JSON.parse(text) as CachedRender)
            },
            set: (key: string, value: CachedRender) => void store.set(key, JSON.stringify(value))
          }
          const state: State = {
            site: new Map(Object.entries(structuredClone(initial))),
            shout: false,
            smartypants: false,
            dated: false
          }
          await createGalley({ ...config(state), cache }).build(files(state.site))
          for (const change of steps) {
            change(state)
            const incremental = await createGalley({ ...config(state), cache }).build(
              files(state.site)
            )
            const fresh = await createGalley(config(state)).build(files(state.site))
            expect(await snapshot(incremental)).toEqual(await snapshot(fresh))
          }
        }
      ),
      { seed: 20261202, numRuns: 40 }
    )
  }, 60_000)
})
