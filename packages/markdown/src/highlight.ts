import type { Element, Root } from 'hast'
import { toString as hastToString } from 'hast-util-to-string'
import type { Highlighter, ShikiTransformer } from 'shiki'
import { visit } from 'unist-util-visit'
import type { VFile } from 'vfile'
import { metaOf, parseCodeMeta } from './code-meta.js'
import { languageOf } from './hooks.js'
import type { HighlightOptions } from './options.js'
import { source } from './source.js'

/** One highlighter per set of themes, created on first use and shared by every processor. */
const highlighters = new Map<string, Promise<Highlighter>>()
const plain = new Set(['', 'text', 'txt', 'plain', 'plaintext'])

/**
 * Highlight code blocks with Shiki. Shiki is imported, and its highlighter
 * created, on the first document that has a code block with a language; both
 * are shared from then on. A language Shiki does not know is left as plain
 * text with a warning (`unknown-language`).
 *
 * @param options
 *   Configuration.
 * @returns
 *   Transform.
 */
export function rehypeGalleyHighlight(
  options: Readonly<HighlightOptions>
): (tree: Root, file: VFile) => Promise<undefined> {
  const themes = options.themes
    ? [options.themes.light, options.themes.dark]
    : [options.theme ?? 'github-light']
  const key = JSON.stringify(themes)
  // Made on the first block, for every document this processor renders.
  let transformers: Promise<ShikiTransformer[]> | undefined

  return async (tree, file) => {
    const blocks: Array<{ node: Element; code: Element; lang: string }> = []
    visit(tree, 'element', (node) => {
      if (node.tagName !== 'pre') return
      const code = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'code'
      )
      const lang = code ? languageOf(code) : undefined
      if (code && lang && !plain.has(lang.toLowerCase())) blocks.push({ node, code, lang })
    })
    if (blocks.length === 0) return undefined
    transformers ??= transformersOf(options)
    const list = await transformers

    let highlighter = highlighters.get(key)
    if (!highlighter) {
      highlighter = import('shiki').then((shiki) =>
        shiki.createHighlighter({ themes, langs: [...(options.langs ?? [])] })
      )
      highlighters.set(key, highlighter)
    }
    const shiki = await highlighter
    const { bundledLanguages } = await import('shiki')

    for (const { node, code, lang } of blocks) {
      const name = lang.toLowerCase()
      if (!shiki.getLoadedLanguages().includes(name)) {
        if (!(name in bundledLanguages)) {
          file.message(
            `Unexpected unknown language \`${lang}\`, expected a language Shiki knows; the block is shown as plain text`,
            { place: code.position, ruleId: 'unknown-language', source }
          )
          continue
        }
        await shiki.loadLanguage(name as keyof typeof bundledLanguages)
      }
      const meta = metaOf(code)
      // The fence's last line feed ends the last line, it is not an empty one (as in @shikijs/rehype).
      const result = shiki.codeToHast(hastToString(code).replace(/\n$/, ''), {
        lang: name,
        meta: meta ? { __raw: meta } : {},
        transformers: parseCodeMeta(meta).lineNumbers ? [...list, lineNumbers] : list,
        ...(options.themes ? { themes: options.themes } : { theme: themes[0] as string })
      })
      const pre = result.children.find((child): child is Element => child.type === 'element')
      if (pre) {
        node.properties = pre.properties
        node.children = pre.children
        // Kept for the code title step: Shiki's `<code>` has no meta.
        if (meta) node.data = { ...node.data, galleyMeta: meta } as Element['data']
      }
    }
    return undefined
  }
}

/** Numbers lines with CSS counters (`pre.line-numbers .line::before`): copying the code copies no numbers. */
const lineNumbers: ShikiTransformer = {
  name: 'galley:line-numbers',
  pre(node) {
    this.addClassToHast(node, 'line-numbers')
  }
}

/**
 * The transformers of every block: Shiki's notation and meta transformers
 * (`{1,3-5}` and `/word/` in the meta; `// [!code ++]`, `[!code --]`,
 * `[!code highlight]`, `[!code word:x]` and `[!code focus]` in the code),
 * unless `notation: false`, then the options' own.
 */
async function transformersOf(options: Readonly<HighlightOptions>): Promise<ShikiTransformer[]> {
  const own = [...(options.transformers ?? [])]
  if (options.notation === false) return own
  const shiki = await import('@shikijs/transformers')
  const matchAlgorithm = 'v3'
  return [
    shiki.transformerMetaHighlight(),
    shiki.transformerMetaWordHighlight(),
    shiki.transformerNotationDiff({ matchAlgorithm }),
    shiki.transformerNotationHighlight({ matchAlgorithm }),
    shiki.transformerNotationWordHighlight({ matchAlgorithm }),
    shiki.transformerNotationFocus({ matchAlgorithm }),
    ...own
  ]
}
