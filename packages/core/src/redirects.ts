import { h } from 'hastscript'
import { serialize } from './html.js'
import { type OutputFile, toOutputPath } from './output.js'

/**
 * A page at an old URL that sends readers (and search engines, through
 * `rel="canonical"`) to the new one, as Hugo writes `aliases`.
 *
 * @param from
 *   Old URL path.
 * @param to
 *   Absolute new URL.
 * @returns
 *   File to write.
 */
export function redirectPage(from: string, to: string): OutputFile {
  const tree = h(null, [
    { type: 'doctype' },
    h('html', { lang: 'en' }, [
      h('head', [
        h('meta', { charset: 'utf-8' }),
        h('title', to),
        h('link', { rel: 'canonical', href: to }),
        h('meta', { name: 'robots', content: 'noindex' }),
        h('meta', { httpEquiv: 'refresh', content: `0; url=${to}` })
      ]),
      h('body', h('p', ['This page has moved to ', h('a', { href: to }, to), '.']))
    ])
  ])
  return { path: toOutputPath(from), value: serialize(tree) }
}
