export {
  type ImagesConfig,
  type ResolvedImages,
  type ResponsiveConfig,
  resolveImages,
  variantWidths
} from './options.js'
export { type Options, rehypeGalleyImages } from './plugin.js'
export { source } from './source.js'
export type {
  ImageInfo,
  ImageLookup,
  ImageProblem,
  ImageVariant,
  RemotePolicy,
  VariantFormat
} from './types.js'
