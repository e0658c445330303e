import type { Collected } from './collect.js'
import type { Heading } from './headings.js'

export type { AlertType } from './alerts.js'
export type { CodeMeta } from './code-meta.js'
export type { Collected, Excerpt, Image, Link, Stats } from './collect.js'
export { rehypeGalleyCollect } from './collect.js'
export { remarkGalleyHeadingIds } from './custom-id.js'
export type { Directive, DirectiveHook, DirectiveNode } from './directives.js'
export type { Heading } from './headings.js'
export { rehypeGalleyHeadings } from './headings.js'
export type { HookResult, Hooks } from './hooks.js'
export type {
  ExternalLinksOptions,
  HighlightOptions,
  MathOptions,
  Options,
  SmartypantsOptions,
  TocOptions
} from './options.js'
export type { MarkdownProcessor } from './processor.js'
export { createProcessor } from './processor.js'
export type { MarkdownRenderer, RenderContext, RenderResult } from './render.js'
export { createMarkdownProcessor } from './render.js'
export { sanitizeSchema } from './sanitize.js'
export { remarkGalleyShortcodes } from './shortcodes.js'
export type { TocEntry } from './toc.js'
export { toToc } from './toc.js'
export { htmlCharacters, rehypeGalleyWellFormed } from './well-formed.js'

declare module 'vfile' {
  interface DataMap {
    /** Headings of the document, set by `rehypeGalleyHeadings`. */
    galleyHeadings: Heading[]
    /** Offset of the `<!--more-->` divider, set by the processor. */
    galleyMore: number
    /** Links, images, excerpt and stats, set by `rehypeGalleyCollect`. */
    galleyMarkdown: Collected
    /**
     * Links to Markdown files that the site has no page for, set by the
     * link resolver: the URL as written → the path of the file it names.
     */
    galleyUnresolvedFiles: Record<string, string>
  }
}
