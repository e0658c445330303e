export { loadAssets } from './assets.js'
export { createContentCache } from './cache.js'
export { type LoadOptions, loadContent } from './load.js'
export { writeSite } from './write.js'
