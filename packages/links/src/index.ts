import type { LinkIndex } from './collect.js'

export { checkLinks, type Options } from './check.js'
export { type Link, type LinkIndex, rehypeGalleyLinks, type Target } from './collect.js'

declare module 'vfile' {
  interface DataMap {
    /** Links and ids of the document, set by `rehypeGalleyLinks`. */
    galleyLinks: LinkIndex
  }
}
