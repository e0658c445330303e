import { unplugin } from './plugin.js'

const plugin: typeof unplugin.rollup = unplugin.rollup

export default plugin
