export type { Options } from './options.js'
export { unplugin } from './plugin.js'
export type { CollectionEntry } from './types.js'
