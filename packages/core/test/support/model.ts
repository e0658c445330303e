// The model site of the property tests of incremental builds: posts that
// link to each other's headings, layouts that read a little of everything,
// a schema with a transform, a remark plugin with an option; and the steps
// that change them.
import { type GalleyConfig, type Page, raw, type Site } from '@galley/core'
import fc from 'fast-check'
import type { Root } from 'hast'
import { h } from 'hastscript'
import { VFile } from 'vfile'
import { z } from 'zod'

/** One post of the model site. */
export interface Post {
  title: string
  date: string
  tags: string[]
  draft: boolean
  heading: string
  /** Names of the posts it links to, and whether at their heading. */
  links: Array<{ to: string; anchor: boolean }>
  body: string
  /** The image it shows (`img/<name>.png`), on a site with images. */
  image: string | null
}

/** Everything a step can change: the posts, the config and the installed packages. */
export interface State {
  site: Map<string, Post>
  shout: boolean
  /** The option of the site's remark plugin. */
  footer: string
  /** The version of the plugin's package (the lockfile's hash, in the CLI). */
  version: number
  /** A hand edit in the output folder, to be undone by the next build. */
  tamper: string | undefined
  /**
   * The images of the content folder (`content/img/<name>.png`) by name,
   * with their width (the height is half), on a site with images; their
   * files and sizes go to the build as `buildInputs` gives them.
   */
  images: Map<string, number> | undefined
}

const anchorOf = (text: string) => text.toLowerCase().replace(/\s+/g, '-')

export function source(
  name: string,
  post: Post,
  site: State['site'],
  images?: State['images']
): string {
  const links = post.links
    .map(({ to, anchor }) => {
      const target = site.get(to)
      const hash = anchor ? `#${target ? anchorOf(target.heading) : 'gone'}` : ''
      return `See [${to}](./${to}.md${hash}).`
    })
    .join(' ')
  const image = images && post.image ? `\n\n![Picture ${post.image}](img/${post.image}.png)` : ''
  return `---\ntitle: "${post.title}"\ndate: ${post.date}\ntags: [ ${post.tags.join(', ')} ]\ndraft: ${post.draft}\n---\n\n# ${post.heading}\n\n${post.body} (${name}).${image}\n\n${links}\n`
}

/**
 * The content files and image sizes of a site with images, as `loadSite`
 * would give them (`BuildOptions.files` and `images`).
 */
export function buildInputs(state: State): {
  files: Array<{ path: string; value: Uint8Array }>
  images: Array<[string, { width: number; height: number; format: string; bytes: number }]>
} {
  const found = [...(state.images ?? [])]
  return {
    files: found.map(([name, width]) => ({
      path: `content/img/${name}.png`,
      value: new TextEncoder().encode(`PNG ${name} ${width}`)
    })),
    images: found.map(([name, width]) => [
      `/img/${name}.png`,
      { width, height: width / 2, format: 'png', bytes: 10 + width }
    ])
  }
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
  archive: (archive: { years: ReadonlyArray<{ year: string; pages: ReadonlyArray<P> }> }): Root =>
    h(
      null,
      archive.years.map((year) =>
        h(
          'p',
          `${year.year}: ${year.pages.map((page) => `${page.data.title} ${page.url}`).join(', ')}`
        )
      )
    ) as Root,
  notFound: (site: Site<P['data']>): Root =>
    h(null, h('p', `Not found on ${site.tags.map((tag) => tag.name).join(' ')}`)) as Root
}

/** A remark plugin with an option: a paragraph at the end of every post. */
function remarkFooter(options: { text: string }) {
  return (tree: { children: unknown[] }) => {
    tree.children.push({ type: 'paragraph', children: [{ type: 'text', value: options.text }] })
  }
}

export function config(state: State): GalleyConfig {
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

/** The posts as files. */
export const files = (state: State): VFile[] =>
  [...state.site].map(
    ([name, post]) =>
      new VFile({
        path: `content/${name}.md`,
        value: source(name, post, state.site, state.images)
      })
  )

/** Every message of a build, as the tests compare them. */
export const messagesOf = (result: { files: VFile[] }): unknown[] =>
  result.files.flatMap((file) =>
    file.messages.map((message) => [String(message), message.ruleId, message.fatal])
  )

export const name: fc.Arbitrary<string> = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g')
/** Image names: `r` is on no site at first. */
const picture = fc.constantFrom('p', 'q', 'r')
const word = fc.constantFrom('one', 'two', 'three', 'four')
export const post: fc.Arbitrary<Post> = fc.record({
  title: word.map((value) => `Title ${value}`),
  date: fc.constantFrom('2020-01-01', '2020-02-01', '2021-03-03'),
  tags: fc.subarray(['x', 'y', 'z']),
  draft: fc.boolean(),
  heading: word.map((value) => `Heading ${value}`),
  links: fc.array(fc.record({ to: name, anchor: fc.boolean() }), { maxLength: 2 }),
  body: word,
  image: fc.option(picture, { nil: null })
})

/** A change of the state; `body` edits change nothing but a post's text. */
export interface Step {
  kind: 'body' | 'other'
  apply: (state: State) => void
}
const other = (apply: Step['apply']): Step => ({ kind: 'other', apply })
const edit =
  (change: (post: Post) => void, kind: Step['kind'] = 'other') =>
  (target: string): Step => ({
    kind,
    apply: (state) => {
      const found = state.site.get(target)
      if (found) change(found)
    }
  })

export const step: fc.Arbitrary<Step> = fc.oneof(
  fc
    .tuple(name, word)
    .map(([target, value]) => edit((post) => (post.body = value), 'body')(target)),
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
  fc
    .tuple(name, post)
    .map(([target, value]) =>
      other((state) => void state.site.set(target, structuredClone(value)))
    ),
  name.map((target) => other((state) => void state.site.delete(target))),
  fc.tuple(name, name).map(([from, to]) =>
    other((state) => {
      const found = state.site.get(from)
      if (!found || from === to) return
      state.site.delete(from)
      state.site.set(to, found)
    })
  ),
  fc.constant(
    other((state) => {
      state.shout = !state.shout
    })
  ),
  word.map((value) =>
    other((state) => {
      state.footer = `Footer ${value}`
    })
  ),
  fc.constant(other((state) => void state.version++)),
  // Images: one resized (weighted: what a stored render must notice),
  // added, removed; a post showing another.
  ...Array.from({ length: 3 }, () =>
    fc
      .tuple(picture, fc.constantFrom(40, 80, 120))
      .map(([image, width]) => other((state) => void state.images?.set(image, width)))
  ),
  picture.map((image) => other((state) => void state.images?.delete(image))),
  fc
    .tuple(name, fc.option(picture, { nil: null }))
    .map(([target, image]) => edit((post) => (post.image = image))(target)),
  fc.constantFrom('index.html', 'feed.xml', 'sitemap.xml', 'tags/x/index.html').map((file) =>
    other((state) => {
      state.tamper = file
    })
  )
)

/** The state a run starts from. */
export function initialState(site: Record<string, Post>, options?: { images?: boolean }): State {
  return {
    site: new Map(Object.entries(structuredClone(site))),
    shout: false,
    footer: 'Footer one',
    version: 1,
    tamper: undefined,
    images: options?.images
      ? new Map([
          ['p', 40],
          ['q', 80]
        ])
      : undefined
  }
}

/** A post to start hand-written sites from. */
export const sample: Post = {
  title: 'Title one',
  date: '2020-01-01',
  tags: ['x'],
  draft: false,
  heading: 'Heading one',
  links: [],
  body: 'one',
  image: null
}

/** The sites a property test starts from: two to seven posts. */
export const sites: fc.Arbitrary<Record<string, Post>> = fc.dictionary(name, post, {
  minKeys: 2,
  maxKeys: 7
})

/** Every output of a result, laid out, by path. */
export const outputsOf = (result: {
  outputs: ReadonlyArray<{ path: string; value: string | Uint8Array }>
}): Record<string, string> =>
  Object.fromEntries(result.outputs.map((file) => [file.path, String(file.value)]))
