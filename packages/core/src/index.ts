export { createPageSchema, defineCollection } from './collections.js'
export { defineConfig } from './config.js'
export { createFeeds } from './feed-files.js'
export { foldersOf } from './folders.js'
export type { BuildOptions, BuildResult, Galley, RenderPool } from './galley.js'
export { createGalley } from './galley.js'
export { raw } from './html.js'
export type { Made, OutputFile, OutputTrace } from './output.js'
export { isPublished } from './publish.js'
export type { RenderInput } from './render.js'
export { createRenderFunction } from './render.js'
export { contentCollections, type ResolvedCollection } from './resolve.js'
export type {
  CachedRender,
  Collection,
  ContentCache,
  ContentCollection,
  DataCollection,
  DataEntry,
  EntryData,
  FeedConfig,
  GalleyConfig,
  Layouts,
  Page,
  PageLink,
  Pagination,
  PermalinkContext,
  PostData,
  PostSchema,
  Site,
  Tag,
  TaxonomyConfig
} from './types.js'
