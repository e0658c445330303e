// The Galley site of the build benchmark: a config with layouts, as the
// example blog has, so a build writes every page, tag page and feed.
export const files = {
  'galley.config.mjs': `import { h } from 'hastscript'

const page = (title, main) =>
  h(null, [
    { type: 'doctype' },
    h('html', { lang: 'en' }, [h('head', [h('meta', { charset: 'utf-8' }), h('title', title)]), h('body', main)])
  ])
const list = (pages) => h('ul', pages.map((post) => h('li', h('a', { href: post.url }, post.data.title))))

export default {
  site: 'https://bench.test/',
  title: 'Bench',
  contentDir: 'content',
  outDir: 'dist-galley',
  now: new Date('2026-01-01T00:00:00Z'),
  layouts: {
    post: (post) => page(post.data.title, [h('h1', post.data.title), { type: 'raw', value: post.html }]),
    index: (site, pagination) => page(site.title, [h('h1', site.title), list(pagination.items)]),
    tag: (tag, site, pagination) => page(tag.name, [h('h1', tag.name), list(pagination.items)]),
    notFound: () => page('Not found', [h('h1', 'Not found')])
  }
}
`
}
