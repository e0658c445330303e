import type { Options } from '@galley/markdown'
import { expect } from 'vitest'

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

/**
 * Check the HTML of `writerPost` rendered with `writerMarkdown`.
 *
 * @param html
 *   The body, or a page holding it.
 */
export function expectWriterSyntax(html: string): void {
  for (const fragment of [
    '<nav class="toc" aria-label="Table of contents"><ol><li><a href="#part">Part</a></li></ol></nav>',
    '<a class="heading-anchor" href="#part" aria-label="Section titled “Part”">',
    '<aside class="hooked-caution">',
    'class="markdown-alert markdown-alert-tip"',
    '<div class="hooked-table" data-rows="1"><table>',
    '<span class="hooked-math" data-display="false">x</span>',
    '<annotation encoding="application/x-tex">y^2</annotation>',
    '<div class="mermaid" data-title="flow"></div>',
    '<figcaption class="code-title">n.js</figcaption><pre class="shiki',
    '<span class="line highlighted">',
    '<iframe src="https://www.youtube-nocookie.com/embed/v1" title="Video"></iframe>',
    'Heads up</p>',
    'Body 🎉'
  ]) {
    expect(html).toContain(fragment)
  }
}
