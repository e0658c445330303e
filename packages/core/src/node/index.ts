// The one resolver of folders and the message store, here too: a host that
// only reads and writes files need not load the pipeline.
export { fallbacksKey, loadedDigest } from '../digest.js'
export { foldersOf } from '../folders.js'
export { restoreMessages, storeMessages } from '../messages.js'
export { type AssetOptions, loadAssets } from './assets.js'
export { loadBundles } from './bundles.js'
export { type ContentCacheOptions, createContentCache } from './cache.js'
export { type CommitMode, recoverOutDir, recoverOutDirSync } from './commit.js'
export { loadData } from './data.js'
export { type GitDates, type GitHistory, readGitDates } from './git.js'
export { createLiveSite, type LiveBuild, type LiveSite } from './live.js'
export { type LoadOptions, loadContent, readContentFile } from './load.js'
export {
  checkOutDir,
  manifestName,
  OutDirError,
  type OutDirOptions
} from './outdir.js'
export { outputsIntact } from './records.js'
export { buildSite, type LoadedSite, loadSite, resumeSite, withDataFiles } from './site.js'
export { readSnapshot, type SavedSnapshot, writeSnapshot } from './snapshot.js'
export {
  type WriteOptions,
  type WriteSummary,
  writeInto,
  writeSite
} from './write.js'
