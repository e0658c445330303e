import {
  type Options as FrontmatterOptions,
  frontmatterMatters,
  remarkGalleyFrontmatter
} from '@galley/frontmatter'
import type { Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import rehypeRaw from 'rehype-raw'
import rehypeStringify from 'rehype-stringify'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { type PluggableList, type Processor, unified } from 'unified'
import { rehypeGalleyHeadings } from './headings.js'

/** Configuration for `createProcessor` and `createMarkdownProcessor`. */
export interface Options {
  /**
   * Front matter handling: a `schema` to validate with and an `unknownKeys`
   * policy, or `false` to treat a leading block as Markdown (default: YAML,
   * TOML and JSON front matter, parsed, not validated).
   */
  frontmatter?: FrontmatterOptions | false | null | undefined
  /** Whether to support GitHub Flavored Markdown: tables, task lists, … (default: `true`). */
  gfm?: boolean | null | undefined
  /** Remark plugins, run after the built-in ones and before remark-rehype (default: none). */
  remarkPlugins?: PluggableList | null | undefined
  /** Rehype plugins, run after heading ids are added and before serializing (default: none). */
  rehypePlugins?: PluggableList | null | undefined
  /**
   * Whether raw HTML in Markdown is kept in the output (default: `true`:
   * authors are trusted, as in Astro and Hugo; see the README's Security
   * section before rendering untrusted content).
   */
  allowDangerousHtml?: boolean | null | undefined
}

/** The frozen processor `createProcessor` returns. */
export type MarkdownProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>

const emptyOptions: Readonly<Options> = {}

/**
 * Build the Markdown → HTML processor once, to run on every file.
 *
 * The order is fixed: remark-parse → remark-frontmatter → front matter
 * parsing (and validation) → remark-gfm → `remarkPlugins` → remark-rehype →
 * rehype-raw (when raw HTML is allowed) → heading ids → `rehypePlugins` → rehype-stringify.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Frozen processor.
 */
export function createProcessor(options?: Readonly<Options> | null): MarkdownProcessor {
  const settings = options || emptyOptions
  const allowDangerousHtml = settings.allowDangerousHtml ?? true
  const processor = unified().use(remarkParse)

  if (settings.frontmatter !== false) {
    processor
      .use(remarkFrontmatter, frontmatterMatters)
      .use(remarkGalleyFrontmatter, settings.frontmatter || undefined)
  }

  if (settings.gfm ?? true) processor.use(remarkGfm)
  if (settings.remarkPlugins) processor.use(settings.remarkPlugins)

  processor.use(remarkRehype, { allowDangerousHtml })
  // Raw HTML is parsed into the tree, so its ids and links are seen like Markdown's.
  if (allowDangerousHtml) processor.use(rehypeRaw)

  return processor
    .use(rehypeGalleyHeadings)
    .use(settings.rehypePlugins || [])
    .use(rehypeStringify, { allowDangerousHtml })
    .freeze() as unknown as MarkdownProcessor
}
