import { unplugin } from './plugin.js'

const plugin: typeof unplugin.webpack = unplugin.webpack

export default plugin
