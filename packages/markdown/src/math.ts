import type { Root } from 'hast'
import rehypeKatex from 'rehype-katex'
import { stringifyPosition } from 'unist-util-stringify-position'
import type { VFile } from 'vfile'
import type { MathOptions } from './options.js'
import { source } from './source.js'

/**
 * Render math (remark-math's `$…$`, `$$…$$` and ```` ```math ```` blocks)
 * with KaTeX at build time, to HTML and MathML: pages need KaTeX's
 * stylesheet, not its script. KaTeX runs with `trust: false` (no `\href`,
 * `\includegraphics` or `\htmlClass`) and its strict checks off (they would
 * print); a formula KaTeX cannot read gets a `math` warning at its place
 * and is shown as written, in red.
 *
 * @param options
 *   Configuration.
 * @returns
 *   Transform.
 */
export function rehypeGalleyMath(
  options: Readonly<MathOptions>
): (tree: Root, file: VFile) => undefined {
  const transform = rehypeKatex({ strict: 'ignore', ...options.katex, trust: false })
  return (tree, file) => {
    const before = file.messages.length
    transform(tree, file)
    // rehype-katex's message names no cause: say what KaTeX said.
    for (const message of file.messages.slice(before)) {
      if (message.source !== 'rehype-katex') continue
      // KaTeX's `rawMessage` is its message without the formula underlined.
      const error = message.cause as { message?: unknown; rawMessage?: unknown } | undefined
      const said = typeof error?.rawMessage === 'string' ? error.rawMessage : error?.message
      const cause = typeof said === 'string' ? said.replace(/^KaTeX parse error: /, '') : undefined
      const reason = `Cannot render this math with KaTeX${cause ? `: ${cause}` : ''}; fix the TeX (it is shown as written)`
      message.reason = reason
      message.message = reason
      message.ruleId = 'math'
      message.source = source
      // A `$$` block's `<code>` has no place; its `<pre>` has.
      if (!message.place) {
        const placed = [...(message.ancestors ?? [])].reverse().find((node) => node.position)
        if (placed?.position) {
          message.place = placed.position
          message.line = placed.position.start.line
          message.column = placed.position.start.column
          message.name = stringifyPosition(placed.position)
        }
      }
    }
    return undefined
  }
}
