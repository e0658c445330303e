export { type EleventyConfig, galleyPlugin as default, type Options } from './plugin.js'
