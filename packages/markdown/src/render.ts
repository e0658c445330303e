import type { Compatible, VFile } from 'vfile'
import { VFile as VFileClass } from 'vfile'
import type { Collected, Excerpt, Image, Link, Stats } from './collect.js'
import { compactString } from './compact.js'
import type { Heading } from './headings.js'
import type { Options } from './options.js'
import { createProcessor } from './processor.js'
import { source } from './source.js'
import { type TocEntry, toToc } from './toc.js'

/** What rendering one document gives. */
export interface RenderResult {
  /** The HTML of the body (front matter excluded); empty when rendering failed. */
  html: string
  /** Raw front matter data (validated data is in `file.data.galleyFrontmatter`). */
  frontmatter: Record<string, unknown>
  /** Headings in document order, with the ids they have in `html`. */
  headings: Heading[]
  /** Headings nested into a table of contents. */
  toc: TocEntry[]
  /** Links, with source positions. */
  links: Link[]
  /** Images, with source positions. */
  images: Image[]
  /** HTML before `<!--more-->`, else the first paragraph, and its plain text. */
  excerpt: Excerpt
  /** Word count and reading time. */
  stats: Stats
  /** The file, carrying every message about it (`file.value` is still the source). */
  file: VFile
}

/** Where a document given as a string comes from. */
export interface RenderContext {
  /** Path of the document, for messages and `resolveLink`. */
  path?: string | null | undefined
}

/** A processor built once, rendering many documents. */
export interface MarkdownRenderer {
  /**
   * Render one document. Content problems never throw: they are messages on
   * `result.file`, and nesting too deep for the parser is a fatal message.
   */
  render(file: Compatible, context?: Readonly<RenderContext> | null): Promise<RenderResult>
}

const emptyCollected: Collected = {
  links: [],
  images: [],
  excerpt: { html: '', text: '', divider: false },
  stats: { words: 0, readingMinutes: 0 }
}

/**
 * Create a renderer: the unified processor is built and frozen once, then
 * reused for every document.
 *
 * @param options
 *   Configuration (optional).
 * @returns
 *   Renderer.
 */
export function createMarkdownProcessor(options?: Readonly<Options> | null): MarkdownRenderer {
  const processor = createProcessor(options)
  const maxSize = options?.maxSize ?? defaultMaxSize
  return {
    async render(value, context) {
      const file = value instanceof VFileClass ? value : new VFileClass(value)
      if (context?.path) file.path = context.path
      let html = ''
      const size = sizeOf(file)
      if (size > maxSize) tooLarge(file, size, maxSize)
      else {
        try {
          const tree = await processor.run(processor.parse(file), file)
          html = compactString(processor.stringify(tree, file))
        } catch (error) {
          fail(file, error)
        }
      }
      const collected = file.data.galleyMarkdown ?? emptyCollected
      const headings = file.data.galleyHeadings ?? []
      return {
        html,
        frontmatter: file.data.matter ?? {},
        headings,
        toc: toToc(headings),
        ...collected,
        file
      }
    }
  }
}

const defaultMaxSize = 5 * 1024 * 1024

/** Bytes of the file's text (UTF-8). */
function sizeOf(file: VFile): number {
  const value = file.value
  return typeof value === 'string' ? Buffer.byteLength(value) : (value?.byteLength ?? 0)
}

/** A document past `maxSize`: a fatal message at its top, nothing rendered. */
function tooLarge(file: VFile, size: number, maxSize: number): void {
  const mb = (bytes: number) => `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
  const message = file.message(
    `Cannot render this document: it is ${mb(size)}, more than the ${mb(maxSize)} Galley renders (Markdown takes about 5 s and 600 MB a megabyte); split it into several posts, or raise \`markdown.maxSize\``,
    { place: { line: 1, column: 1 }, ruleId: 'too-large', source }
  )
  message.fatal = true
}

/** A crash while rendering becomes a fatal message, so the batch goes on. */
function fail(file: VFile, error: unknown): void {
  const cause = error instanceof Error ? { cause: error } : {}
  // A plugin's own place when it gave one (a vfile message), else the top of the file.
  const given = (error as { place?: unknown } | undefined)?.place
  const place = (given ?? { line: 1, column: 1 }) as NonNullable<VFile['messages'][number]['place']>
  const message =
    error instanceof RangeError && /call stack/i.test(error.message)
      ? file.message(
          'Cannot render this document: it is nested too deeply for the parser (blockquotes, lists or brackets thousands of levels deep); flatten it',
          { ...cause, place, ruleId: 'too-deep', source }
        )
      : file.message(
          `Cannot render this document: ${error instanceof Error ? error.message : String(error)}`,
          { ...cause, place, ruleId: 'render-error', source }
        )
  message.fatal = true
}
