import type { Compatible, VFile } from 'vfile'
import { VFile as VFileClass } from 'vfile'
import type { Heading } from './headings.js'
import { createProcessor, type Options } from './processor.js'

/** What rendering one document gives. */
export interface RenderResult {
  /** The HTML of the body (front matter excluded). */
  html: string
  /** Raw front matter data (validated data is in `file.data.galleyFrontmatter`). */
  frontmatter: Record<string, unknown>
  /** Headings in document order, with the ids they have in `html`. */
  headings: Heading[]
  /** The file, carrying every message about it. */
  file: VFile
}

/** A processor built once, rendering many documents. */
export interface MarkdownRenderer {
  /**
   * Render one document. Content problems never throw: they are messages on
   * `result.file`.
   */
  render(file: Compatible): Promise<RenderResult>
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
  return {
    async render(value) {
      const file = value instanceof VFileClass ? value : new VFileClass(value)
      const tree = await processor.run(processor.parse(file), file)
      const html = processor.stringify(tree, file)
      return {
        html,
        frontmatter: file.data.matter ?? {},
        headings: file.data.galleyHeadings ?? [],
        file
      }
    }
  }
}
