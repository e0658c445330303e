import type { Heading } from './headings.js'

export type { Heading } from './headings.js'
export { rehypeGalleyHeadings } from './headings.js'
export type { MarkdownProcessor, Options } from './processor.js'
export { createProcessor } from './processor.js'
export type { MarkdownRenderer, RenderResult } from './render.js'
export { createMarkdownProcessor } from './render.js'

declare module 'vfile' {
  interface DataMap {
    /** Headings of the document, set by `rehypeGalleyHeadings`. */
    galleyHeadings: Heading[]
  }
}
