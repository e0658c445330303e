import { frontmatterMatters, remarkGalleyFrontmatter } from '@galley/frontmatter'
import type { Root as HastRoot } from 'hast'
import type { Root as MdastRoot } from 'mdast'
import rehypeStringify from 'rehype-stringify'
import remarkDirective from 'remark-directive'
import remarkFrontmatter from 'remark-frontmatter'
import remarkGemoji from 'remark-gemoji'
import remarkGfm from 'remark-gfm'
import remarkMath from 'remark-math'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import remarkSmartypants from 'remark-smartypants'
import { type Processor, unified } from 'unified'
import { rehypeGalleyAlerts } from './alerts.js'
import { rehypeGalleyCodeTitles } from './code-meta.js'
import { rehypeGalleyCollect } from './collect.js'
import { remarkGalleyHeadingIds } from './custom-id.js'
import { directiveHandlers, remarkGalleyDirectives } from './directives.js'
import { rehypeGalleyExternalLinks } from './external-links.js'
import { rehypeGalleyHeadingLinks } from './heading-links.js'
import { rehypeGalleyHeadings } from './headings.js'
import { rehypeGalleyHighlight } from './highlight.js'
import { rehypeGalleyHooks } from './hooks.js'
import { rehypeGalleyMath } from './math.js'
import { remarkGalleyMore } from './more.js'
import type { Options } from './options.js'
import { own } from './own.js'
import { rehypeGalleyRaw } from './raw.js'
import { remarkGalleyResolveLinks } from './resolve-links.js'
import { sanitizePlugin } from './sanitize.js'
import { remarkGalleyShortcodes } from './shortcodes.js'
import { remarkPluginsStep } from './stage.js'
import { rehypeGalleyTocPlaceholder } from './toc-placeholder.js'
import { rehypeGalleyWellFormed } from './well-formed.js'

/** The frozen processor `createProcessor` returns. */
export type MarkdownProcessor = Processor<MdastRoot, MdastRoot, HastRoot, HastRoot, string>

const emptyOptions: Readonly<Options> = {}

/**
 * Build the Markdown → HTML processor once, to run on every file. The order
 * is fixed (see the README's “Plugin order”):
 *
 * remark-parse → remark-frontmatter + front matter → remark-gfm →
 * remark-math → remark-directive → remark-smartypants → Hugo shortcodes → `{#id}` heading
 * attributes → `<!--more-->` → directives → remark-gemoji → `resolveLink` →
 * `remarkPlugins` → remark-rehype → raw HTML (when allowed and present) →
 * sanitize → heading ids → hooks → KaTeX → GitHub alerts → `[[toc]]` →
 * highlight → code titles → heading links → external links →
 * `rehypePlugins` → HTML made to read back as written → collect links,
 * images, excerpt, stats → rehype-stringify.
 *
 * @param options
 *   Configuration (optional); bad options throw a `TypeError` naming them.
 * @returns
 *   Frozen processor.
 */
export function createProcessor(options?: Readonly<Options> | null): MarkdownProcessor {
  const settings = options || emptyOptions
  check(settings)
  // Security settings are read as own properties only (see `own`).
  const allowDangerousHtml = own(settings, 'allowDangerousHtml') ?? true
  const sanitize = own(settings, 'sanitize')
  const processor = unified().use(remarkParse)

  if (settings.frontmatter !== false) {
    processor
      .use(remarkFrontmatter, frontmatterMatters)
      .use(remarkGalleyFrontmatter, settings.frontmatter || undefined)
  }
  if (settings.gfm ?? true) processor.use(remarkGfm)
  const math = settings.math ? (settings.math === true ? {} : settings.math) : undefined
  if (math) processor.use(remarkMath, { singleDollarTextMath: math.singleDollar ?? true })
  if (settings.directives) processor.use(remarkDirective)
  if (settings.smartypants) {
    if (settings.smartypants === true) processor.use(remarkSmartypants)
    else processor.use(remarkSmartypants, settings.smartypants)
  }
  if (settings.shortcodes !== false) processor.use(remarkGalleyShortcodes)
  processor.use(remarkGalleyHeadingIds).use(remarkGalleyMore)
  const directiveHooks = settings.hooks?.directives ?? undefined
  if (settings.directives) {
    processor.use(remarkGalleyDirectives, new Set(Object.keys(directiveHooks ?? {})))
  }
  if (settings.emoji) processor.use(remarkGemoji)
  if (settings.resolveLink) processor.use(remarkGalleyResolveLinks, settings.resolveLink)
  if (settings.remarkPlugins) {
    processor.use(remarkPluginsStep(settings.remarkPlugins, processor.data()))
  }

  processor.use(remarkRehype, {
    ...settings.remarkRehype,
    ...(settings.directives
      ? {
          handlers: { ...directiveHandlers(directiveHooks), ...settings.remarkRehype?.handlers }
        }
      : {}),
    allowDangerousHtml
  })
  if (allowDangerousHtml) processor.use(rehypeGalleyRaw)
  if (sanitize) processor.use(sanitizePlugin(sanitize))
  processor.use(rehypeGalleyHeadings)
  if (settings.hooks) processor.use(rehypeGalleyHooks, settings.hooks, { math: Boolean(math) })
  if (math) processor.use(rehypeGalleyMath, math)
  if (settings.alerts) processor.use(rehypeGalleyAlerts)
  if (settings.toc)
    processor.use(rehypeGalleyTocPlaceholder, settings.toc === true ? {} : settings.toc)
  if (settings.highlight) {
    processor.use(rehypeGalleyHighlight, settings.highlight === true ? {} : settings.highlight)
  }
  processor.use(rehypeGalleyCodeTitles)
  if (settings.headingLinks) processor.use(rehypeGalleyHeadingLinks)
  if (settings.externalLinks) {
    processor.use(
      rehypeGalleyExternalLinks,
      settings.externalLinks === true ? {} : settings.externalLinks
    )
  }
  if (settings.rehypePlugins) processor.use(settings.rehypePlugins)

  return processor
    .use(rehypeGalleyWellFormed)
    .use(rehypeGalleyCollect, settings.wordsPerMinute ?? 200)
    .use(rehypeStringify, { allowDangerousHtml: allowDangerousHtml && !sanitize })
    .freeze() as unknown as MarkdownProcessor
}

function check(settings: Readonly<Options>): void {
  const most = settings.maxSize
  if (most !== undefined && most !== null && !(typeof most === 'number' && most > 0)) {
    throw new TypeError(
      `Expected \`maxSize\` to be a positive number of bytes, not \`${String(most)}\``
    )
  }
  const speed = settings.wordsPerMinute
  if (speed !== undefined && speed !== null && !(typeof speed === 'number' && speed > 0)) {
    throw new TypeError(
      `Expected \`wordsPerMinute\` to be a positive number, not \`${String(speed)}\``
    )
  }
  if (settings.resolveLink && typeof settings.resolveLink !== 'function') {
    throw new TypeError('Expected `resolveLink` to be a function')
  }
}
