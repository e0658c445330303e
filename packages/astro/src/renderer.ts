import { createMarkdownProcessor, type Options as MarkdownOptions } from '@galley/markdown'
import { VFile } from 'vfile'

/** A heading as Astro gives them to layouts (`getHeadings()`). */
export interface AstroHeading {
  depth: number
  slug: string
  text: string
}

/**
 * The renderer contract of `@astrojs/markdown-remark` (`render(content,
 * { frontmatter, fileURL })` → `{ code, metadata }`), which Astro's own
 * Markdown pipeline implements and which Astro 7's pluggable
 * `markdown.processor` takes.
 */
export interface MarkdownRenderer {
  render(
    content: string,
    options?: { frontmatter?: Record<string, unknown>; fileURL?: URL } | undefined
  ): Promise<{
    code: string
    metadata: {
      headings: AstroHeading[]
      localImagePaths: string[]
      remoteImagePaths: string[]
      frontmatter: Record<string, unknown>
    }
  }>
}

/** Options of `galleyMarkdownRenderer`. */
export interface RendererOptions extends Omit<MarkdownOptions, 'frontmatter'> {
  /**
   * Which remote images Astro may optimize, as `image.domains` and
   * `image.remotePatterns` allow (default: none, as Astro's default).
   */
  remoteImage?: ((src: string) => boolean) | null | undefined
}

/**
 * Galley's Markdown pipeline behind Astro's renderer contract, for Astro's
 * Markdown pages and `.md` imports where Astro lets a project choose the
 * processor (Astro 7's `markdown.processor`). The body comes without front
 * matter (Astro parses it); headings get Galley's ids; a fatal problem (such
 * as nesting too deep to parse) throws with its place.
 *
 * @param options
 *   Options of `@galley/markdown` (plugins, GFM, raw HTML, smartypants), and
 *   `remoteImage`.
 * @returns
 *   Renderer.
 */
export function galleyMarkdownRenderer(options: Readonly<RendererOptions> = {}): MarkdownRenderer {
  const { remoteImage, ...markdown } = options
  const processor = createMarkdownProcessor({ ...markdown, frontmatter: false })
  return {
    async render(content, context) {
      const path = context?.fileURL ? decodeURIComponent(context.fileURL.pathname) : undefined
      const file = new VFile({ path, value: content })
      const result = await processor.render(file)
      const fatal = file.messages.find((message) => message.fatal)
      if (fatal) throw new Error(String(fatal))
      const sources = result.images.map((image) => image.src)
      return {
        code: result.html,
        metadata: {
          headings: result.headings.map((heading) => ({
            depth: heading.depth,
            slug: heading.id,
            text: heading.text
          })),
          localImagePaths: sources.filter((src) => !/^[a-z][a-z\d+.-]*:|^\/\//i.test(src)),
          remoteImagePaths: sources.filter(
            (src) => /^https?:\/\/|^\/\//i.test(src) && Boolean(remoteImage?.(src))
          ),
          frontmatter: context?.frontmatter ?? {}
        }
      }
    }
  }
}
