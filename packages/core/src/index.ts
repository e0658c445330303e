export { createPageSchema, defineCollection } from './collections.js'
export { defineConfig } from './config.js'
export { loadedDigest } from './digest.js'
export { createFeeds } from './feed-files.js'
export { foldersOf } from './folders.js'
export type {
  BuildOptions,
  BuildResult,
  Galley,
  RenderCounts,
  RenderPool,
  ResumeOptions
} from './galley.js'
export { createGalley } from './galley.js'
export { raw } from './html.js'
export { restoreMessages, storeMessages } from './messages.js'
export type { Made, OutputFile, OutputTrace } from './output.js'
export { dateParts } from './permalink.js'
export { isPublished } from './publish.js'
export type { RenderInput } from './render.js'
export { createRenderFunction } from './render.js'
export { contentCollections, type ResolvedCollection } from './resolve.js'
export { termsOf } from './taxonomies.js'
export type {
  Archive,
  BuildSnapshot,
  BundleFile,
  CachedRender,
  Collection,
  ContentCache,
  ContentCollection,
  ContentFile,
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
  SiteFeeds,
  SnapshotEntry,
  SnapshotFile,
  SnapshotText,
  StoredMessage,
  Tag,
  TaxonomyConfig,
  TermIndex
} from './types.js'
