export { type ImageCache, type Made, openImageCache, type Probe } from './node/cache.js'
export { type DownloadOptions, downloadImage } from './node/download.js'
export {
  type ImageSource,
  type ImageStats,
  imageExtension,
  type PreparedImages,
  type PrepareOptions,
  prepareImages,
  probeImage,
  type VariantFile
} from './node/prepare.js'
