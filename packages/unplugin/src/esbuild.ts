import { unplugin } from './plugin.js'

const plugin: typeof unplugin.esbuild = unplugin.esbuild

export default plugin
