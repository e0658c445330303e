import type { Options } from '@galley/markdown'

/**
 * A post using every piece of writer syntax and every hook, for the hosts'
 * tests (unplugin, Eleventy, Astro): each must render it as
 * `expectWriterSyntax` says, with `writerMarkdown` as its Markdown options.
 */
export const writerPost = `---
title: Writer syntax
date: 2024-01-05
---

[[toc]]

## Part

> [!CAUTION]
> Hot.

> [!TIP]
> Weigh it.

| a | b |
| - | - |
| 1 | 2 |

Inline $x$ and $y^2$.

\`\`\`mermaid title="flow"
graph TD
\`\`\`

\`\`\`js title="n.js" {1}
const n = 1
\`\`\`

::youtube{id=v1}

:::note[Heads up]
Body :tada:
:::
`

type Element = {
  type: 'element'
  tagName: string
  properties: Record<string, unknown>
  children: unknown[]
}
const element = (
  tagName: string,
  properties: Record<string, unknown>,
  children: unknown[]
): Element => ({
  type: 'element',
  tagName,
  properties,
  children
})

/** Every feature on, and a hook of each kind. */
export const writerMarkdown: Options = {
  alerts: true,
  directives: true,
  emoji: true,
  toc: true,
  headingLinks: true,
  math: true,
  highlight: true,
  hooks: {
    blockquote: ({ alert, children }) =>
      alert === 'caution'
        ? (element('aside', { className: ['hooked-caution'] }, children) as never)
        : undefined,
    table: ({ body, node }) =>
      element('div', { className: ['hooked-table'], dataRows: String(body.length) }, [
        node
      ]) as never,
    math: ({ tex, display }) =>
      tex === 'x'
        ? (element('span', { className: ['hooked-math'], dataDisplay: String(display) }, [
            { type: 'text', value: tex }
          ]) as never)
        : undefined,
    codeBlock: ({ lang, title }) =>
      lang === 'mermaid'
        ? (element('div', { className: ['mermaid'], dataTitle: title ?? '' }, []) as never)
        : undefined,
    directives: {
      youtube: ({ attributes }) =>
        element(
          'iframe',
          { src: `https://www.youtube-nocookie.com/embed/${attributes.id}`, title: 'Video' },
          []
        ) as never
    }
  }
}
