export { type Options, unplugin } from './plugin.js'
