import type { LinkIndex } from './collect.js'
import type { Definition } from './definitions.js'

export {
  type CheckerOptions,
  checkLinks,
  createLinkChecker,
  type LinkChecker,
  type Options
} from './check.js'
export { type Link, type LinkIndex, rehypeGalleyLinks, type Target } from './collect.js'
export { type Definition, remarkGalleyDefinitions } from './definitions.js'
export type { ExternalOptions, ExternalResult, Verdict } from './external/types.js'
export { type JsonMessage, toJsonReport, toSarif } from './report.js'

declare module 'vfile' {
  interface DataMap {
    /** Links and ids of the document, set by `rehypeGalleyLinks`. */
    galleyLinks: LinkIndex
    /** Reference definitions no reference uses, set by `remarkGalleyDefinitions`. */
    galleyDefinitions: Definition[]
    /**
     * Links to Markdown files the site has no page for (the URL as written
     * → the file's path), as `@galley/markdown`'s link resolver sets it.
     */
    galleyUnresolvedFiles: Record<string, string>
  }
}
