import { unplugin } from './plugin.js'

const plugin: typeof unplugin.vite = unplugin.vite

export default plugin
