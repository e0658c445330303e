import { expect } from 'vitest'

export { writerMarkdown, writerPost } from './writer-syntax-content.js'

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
