export type { CachedRender, ContentCache } from './cache.js'
export type {
  Collection,
  ContentCollection,
  DataCollection,
  EntryData
} from './collections.js'
export { createPageSchema, defineCollection } from './collections.js'
export type { FeedConfig, GalleyConfig, PermalinkContext, PostData, PostSchema } from './config.js'
export { defineConfig } from './config.js'
export { createFeeds } from './feed-files.js'
export { foldersOf } from './folders.js'
export type { BuildOptions, BuildResult, Galley, RenderPool } from './galley.js'
export { createGalley } from './galley.js'
export { raw } from './html.js'
export type { Layouts, Site, Tag } from './layouts.js'
export type { Made, OutputFile, OutputTrace } from './output.js'
export type { Page, PageLink } from './page.js'
export type { Pagination } from './paginate.js'
export { isPublished } from './publish.js'
export type { DataEntry } from './references.js'
export type { RenderInput } from './render.js'
export { createRenderFunction } from './render.js'
export { contentCollections, type ResolvedCollection } from './resolve.js'
export type { TaxonomyConfig } from './taxonomies.js'
